CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`nudge_id` integer,
	`customer_id` integer,
	`gesture_id` integer,
	`amount_cents` integer,
	`detail` text,
	FOREIGN KEY (`nudge_id`) REFERENCES `nudges`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`gesture_id`) REFERENCES `gestures`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_nudge_id_idx` ON `audit_log` (`nudge_id`);--> statement-breakpoint
CREATE INDEX `audit_log_customer_id_idx` ON `audit_log` (`customer_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `budget_months` (
	`month` text PRIMARY KEY NOT NULL,
	`currency` text NOT NULL,
	`limit_cents` integer NOT NULL,
	`spent_cents` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "budget_months_spent_check" CHECK("budget_months"."spent_cents" >= 0 and "budget_months"."spent_cents" <= "budget_months"."limit_cents")
);
--> statement-breakpoint
CREATE TABLE `customer_identities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_identities_source_external_id_idx` ON `customer_identities` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `customer_identities_customer_id_idx` ON `customer_identities` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text,
	`first_name` text,
	`last_name` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_email_idx` ON `customers` (`email`);--> statement-breakpoint
CREATE TABLE `gestures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nudge_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`state` text NOT NULL,
	`approved_by` text NOT NULL,
	`budget_month` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`nudge_id`) REFERENCES `nudges`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "gestures_amount_check" CHECK("gestures"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gestures_nudge_id_idx` ON `gestures` (`nudge_id`);--> statement-breakpoint
CREATE INDEX `gestures_customer_id_idx` ON `gestures` (`customer_id`);--> statement-breakpoint
CREATE INDEX `gestures_budget_month_idx` ON `gestures` (`budget_month`);--> statement-breakpoint
CREATE TABLE `line_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`title` text NOT NULL,
	`variant_title` text,
	`quantity` integer NOT NULL,
	`price_cents` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `line_items_order_id_idx` ON `line_items` (`order_id`);--> statement-breakpoint
CREATE TABLE `moments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`nudge_id` integer,
	`order_id` integer,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`facts` text NOT NULL,
	`proactive` integer NOT NULL,
	`priority` integer NOT NULL,
	`found_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`nudge_id`) REFERENCES `nudges`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `moments_dedupe_key_idx` ON `moments` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `moments_customer_id_idx` ON `moments` (`customer_id`);--> statement-breakpoint
CREATE INDEX `moments_nudge_id_idx` ON `moments` (`nudge_id`);--> statement-breakpoint
CREATE TABLE `nudges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`channel_id` text,
	`message_ts` text,
	`note` text,
	`note_by` text,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "nudges_state_check" CHECK("nudges"."state" in ('pending', 'approved', 'skipped', 'expired'))
);
--> statement-breakpoint
CREATE INDEX `nudges_customer_id_idx` ON `nudges` (`customer_id`);--> statement-breakpoint
CREATE INDEX `nudges_state_idx` ON `nudges` (`state`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`number` text,
	`currency` text NOT NULL,
	`total_cents` integer NOT NULL,
	`shipping_cents` integer DEFAULT 0 NOT NULL,
	`financial_status` text,
	`cancelled_at` integer,
	`placed_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_source_external_id_idx` ON `orders` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `orders_customer_id_placed_at_idx` ON `orders` (`customer_id`,`placed_at`);--> statement-breakpoint
CREATE INDEX `orders_number_idx` ON `orders` (`number`);--> statement-breakpoint
CREATE TABLE `slack_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nudge_id` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`generation` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`nudge_id`) REFERENCES `nudges`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `slack_outbox_pending_nudge_idx` ON `slack_outbox` (`nudge_id`) WHERE "slack_outbox"."state" = 'pending';--> statement-breakpoint
CREATE INDEX `slack_outbox_state_next_attempt_at_idx` ON `slack_outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`delivery_id` text NOT NULL,
	`topic` text NOT NULL,
	`outcome` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_source_delivery_id_idx` ON `webhook_deliveries` (`source`,`delivery_id`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_received_at_idx` ON `webhook_deliveries` (`received_at`);