CREATE TABLE `home_tab_queue` (
	`user_id` text PRIMARY KEY NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`generation` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `home_tab_queue_state_next_attempt_at_idx` ON `home_tab_queue` (`state`,`next_attempt_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_gestures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nudge_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`state` text NOT NULL,
	`requested_by` text NOT NULL,
	`escalation` text,
	`approved_by` text,
	`approved_at` integer,
	`fulfiller_id` text,
	`customer_message` text,
	`fulfilled_by` text,
	`fulfilled_at` integer,
	`fulfilment_note` text,
	`closed_by` text,
	`closed_at` integer,
	`close_reason` text,
	`reminded_at` integer,
	`budget_month` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`nudge_id`) REFERENCES `nudges`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "gestures_amount_check" CHECK("__new_gestures"."amount_cents" >= 0),
	CONSTRAINT "gestures_state_check" CHECK("__new_gestures"."state" in ('requested', 'approved', 'fulfilled', 'cancelled', 'failed', 'declined'))
);
--> statement-breakpoint
INSERT INTO `__new_gestures`("id", "nudge_id", "customer_id", "kind", "amount_cents", "currency", "state", "requested_by", "escalation", "approved_by", "approved_at", "fulfiller_id", "customer_message", "fulfilled_by", "fulfilled_at", "fulfilment_note", "closed_by", "closed_at", "close_reason", "reminded_at", "budget_month", "created_at", "updated_at") SELECT "id", "nudge_id", "customer_id", "kind", "amount_cents", "currency", "state", "approved_by", NULL, "approved_by", "created_at", "approved_by", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "budget_month", "created_at", "updated_at" FROM `gestures`;--> statement-breakpoint
DROP TABLE `gestures`;--> statement-breakpoint
ALTER TABLE `__new_gestures` RENAME TO `gestures`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `gestures_nudge_id_idx` ON `gestures` (`nudge_id`);--> statement-breakpoint
CREATE INDEX `gestures_customer_id_idx` ON `gestures` (`customer_id`);--> statement-breakpoint
CREATE INDEX `gestures_budget_month_idx` ON `gestures` (`budget_month`);--> statement-breakpoint
CREATE INDEX `gestures_state_approved_at_idx` ON `gestures` (`state`,`approved_at`);--> statement-breakpoint
CREATE INDEX `gestures_fulfiller_id_idx` ON `gestures` (`fulfiller_id`);--> statement-breakpoint
ALTER TABLE `budget_months` ADD `limit_set_by` text;--> statement-breakpoint
ALTER TABLE `slack_notices` ADD `nudge_id` integer REFERENCES nudges(id);