CREATE TABLE `digests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`week` text NOT NULL,
	`channel_id` text NOT NULL,
	`content` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`message_ts` text,
	`chart_file_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "digests_state_check" CHECK("digests"."state" in ('pending', 'done', 'dead'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digests_week_channel_id_idx` ON `digests` (`week`,`channel_id`);--> statement-breakpoint
CREATE INDEX `digests_state_next_attempt_at_idx` ON `digests` (`state`,`next_attempt_at`);