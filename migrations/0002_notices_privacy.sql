CREATE TABLE `privacy_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`kind` text NOT NULL,
	`customer_id` integer,
	`state` text DEFAULT 'pending' NOT NULL,
	`export_path` text,
	`received_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `privacy_requests_source_kind_external_id_idx` ON `privacy_requests` (`source`,`kind`,`external_id`);--> statement-breakpoint
CREATE INDEX `privacy_requests_state_idx` ON `privacy_requests` (`state`);--> statement-breakpoint
CREATE TABLE `slack_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` text,
	`text` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`message_ts` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `slack_notices_state_next_attempt_at_idx` ON `slack_notices` (`state`,`next_attempt_at`);