CREATE TABLE `app_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `holdout_groups` (
	`customer_id` integer PRIMARY KEY NOT NULL,
	`grp` text NOT NULL,
	`share` real NOT NULL,
	`assigned_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "holdout_groups_grp_check" CHECK("holdout_groups"."grp" in ('holdout', 'treatment'))
);
--> statement-breakpoint
CREATE INDEX `holdout_groups_grp_idx` ON `holdout_groups` (`grp`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`period` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_runs_job_period_idx` ON `job_runs` (`job`,`period`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_nudges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`priority` integer DEFAULT 0 NOT NULL,
	`posted_at` integer,
	`channel_id` text,
	`message_ts` text,
	`note` text,
	`note_by` text,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "nudges_state_check" CHECK("__new_nudges"."state" in ('queued', 'pending', 'approved', 'skipped', 'expired'))
);
--> statement-breakpoint
INSERT INTO `__new_nudges`("id", "customer_id", "state", "priority", "posted_at", "channel_id", "message_ts", "note", "note_by", "decided_by", "decided_at", "created_at", "updated_at") SELECT "id", "customer_id", "state", coalesce((SELECT max(m."priority") FROM `moments` m WHERE m."nudge_id" = `nudges`."id"), 0), "created_at", "channel_id", "message_ts", "note", "note_by", "decided_by", "decided_at", "created_at", "updated_at" FROM `nudges`;--> statement-breakpoint
DROP TABLE `nudges`;--> statement-breakpoint
ALTER TABLE `__new_nudges` RENAME TO `nudges`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `nudges_customer_id_idx` ON `nudges` (`customer_id`);--> statement-breakpoint
CREATE INDEX `nudges_state_priority_idx` ON `nudges` (`state`,`priority`);--> statement-breakpoint
CREATE INDEX `nudges_posted_at_idx` ON `nudges` (`posted_at`);--> statement-breakpoint
CREATE TABLE `__new_moments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`nudge_id` integer,
	`order_id` integer,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`facts` text NOT NULL,
	`proactive` integer NOT NULL,
	`priority` integer NOT NULL,
	`suppressed` text,
	`found_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`nudge_id`) REFERENCES `nudges`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "moments_suppressed_check" CHECK("__new_moments"."suppressed" is null or "__new_moments"."suppressed" in ('holdout', 'cooldown'))
);
--> statement-breakpoint
INSERT INTO `__new_moments`("id", "customer_id", "nudge_id", "order_id", "kind", "dedupe_key", "facts", "proactive", "priority", "suppressed", "found_at") SELECT "id", "customer_id", "nudge_id", "order_id", "kind", "dedupe_key", "facts", "proactive", "priority", NULL, "found_at" FROM `moments`;--> statement-breakpoint
DROP TABLE `moments`;--> statement-breakpoint
ALTER TABLE `__new_moments` RENAME TO `moments`;--> statement-breakpoint
CREATE UNIQUE INDEX `moments_dedupe_key_idx` ON `moments` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `moments_customer_id_idx` ON `moments` (`customer_id`);--> statement-breakpoint
CREATE INDEX `moments_nudge_id_idx` ON `moments` (`nudge_id`);--> statement-breakpoint
CREATE INDEX `moments_found_at_idx` ON `moments` (`found_at`);--> statement-breakpoint
CREATE INDEX `payments_occurred_at_idx` ON `payments` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `payments_updated_at_idx` ON `payments` (`updated_at`);--> statement-breakpoint
CREATE INDEX `tickets_status_opened_at_idx` ON `tickets` (`status`,`opened_at`);