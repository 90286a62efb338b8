CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`status` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`order_external_id` text,
	`failure_reason` text,
	`occurred_at` integer NOT NULL,
	`source_version` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_source_external_id_idx` ON `payments` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `payments_customer_id_occurred_at_idx` ON `payments` (`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`kind` text NOT NULL,
	`rating` text,
	`score` integer,
	`comment` text,
	`ticket_external_id` text,
	`rated_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ratings_score_check" CHECK("ratings"."score" is null or ("ratings"."score" between 0 and 10))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_source_kind_external_id_idx` ON `ratings` (`source`,`kind`,`external_id`);--> statement-breakpoint
CREATE INDEX `ratings_customer_id_rated_at_idx` ON `ratings` (`customer_id`,`rated_at`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`refunded_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_source_external_id_idx` ON `refunds` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `refunds_order_id_idx` ON `refunds` (`order_id`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`status` text NOT NULL,
	`subject` text,
	`opened_at` integer NOT NULL,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`last_customer_reply_at` integer,
	`solved_at` integer,
	`source_version` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_source_external_id_idx` ON `tickets` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `tickets_customer_id_idx` ON `tickets` (`customer_id`);--> statement-breakpoint
CREATE TABLE `timeline_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer,
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`external_id` text NOT NULL,
	`version_key` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`facts` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `timeline_events_business_key_idx` ON `timeline_events` (`source`,`external_id`,`kind`,`version_key`);--> statement-breakpoint
CREATE INDEX `timeline_events_customer_id_occurred_at_idx` ON `timeline_events` (`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `timeline_events_kind_occurred_at_idx` ON `timeline_events` (`kind`,`occurred_at`);--> statement-breakpoint
ALTER TABLE `customer_identities` ADD `profile_version` integer;--> statement-breakpoint
ALTER TABLE `customers` ADD `birthday` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `redacted_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `shipping_title` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `shipping_country` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `refunded_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `source_version` integer;