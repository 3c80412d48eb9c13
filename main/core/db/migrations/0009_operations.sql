-- Operations: provider availability rollups (five-minute and hourly buckets), breaker transitions, sessions, compressed captures.
CREATE TABLE `provider_availability` (
	`bucket` integer NOT NULL,
	`provider_id` text NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`errors` integer DEFAULT 0 NOT NULL,
	`retried` integer DEFAULT 0 NOT NULL,
	`ttfb_count` integer DEFAULT 0 NOT NULL,
	`ttfb_ms_sum` integer DEFAULT 0 NOT NULL,
	`duration_ms_sum` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_0` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_1` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_2` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_3` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_4` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_5` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_6` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_7` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_8` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_9` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_10` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_11` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_12` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_13` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_14` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_15` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_16` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_17` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_18` integer DEFAULT 0 NOT NULL,
	`total_lt_0` integer DEFAULT 0 NOT NULL,
	`total_lt_1` integer DEFAULT 0 NOT NULL,
	`total_lt_2` integer DEFAULT 0 NOT NULL,
	`total_lt_3` integer DEFAULT 0 NOT NULL,
	`total_lt_4` integer DEFAULT 0 NOT NULL,
	`total_lt_5` integer DEFAULT 0 NOT NULL,
	`total_lt_6` integer DEFAULT 0 NOT NULL,
	`total_lt_7` integer DEFAULT 0 NOT NULL,
	`total_lt_8` integer DEFAULT 0 NOT NULL,
	`total_lt_9` integer DEFAULT 0 NOT NULL,
	`total_lt_10` integer DEFAULT 0 NOT NULL,
	`total_lt_11` integer DEFAULT 0 NOT NULL,
	`total_lt_12` integer DEFAULT 0 NOT NULL,
	`total_lt_13` integer DEFAULT 0 NOT NULL,
	`total_lt_14` integer DEFAULT 0 NOT NULL,
	`total_lt_15` integer DEFAULT 0 NOT NULL,
	`total_lt_16` integer DEFAULT 0 NOT NULL,
	`total_lt_17` integer DEFAULT 0 NOT NULL,
	`total_lt_18` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`provider_id`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `provider_availability_hourly` (
	`bucket` integer NOT NULL,
	`provider_id` text NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`errors` integer DEFAULT 0 NOT NULL,
	`retried` integer DEFAULT 0 NOT NULL,
	`ttfb_count` integer DEFAULT 0 NOT NULL,
	`ttfb_ms_sum` integer DEFAULT 0 NOT NULL,
	`duration_ms_sum` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_0` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_1` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_2` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_3` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_4` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_5` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_6` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_7` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_8` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_9` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_10` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_11` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_12` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_13` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_14` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_15` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_16` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_17` integer DEFAULT 0 NOT NULL,
	`ttfb_lt_18` integer DEFAULT 0 NOT NULL,
	`total_lt_0` integer DEFAULT 0 NOT NULL,
	`total_lt_1` integer DEFAULT 0 NOT NULL,
	`total_lt_2` integer DEFAULT 0 NOT NULL,
	`total_lt_3` integer DEFAULT 0 NOT NULL,
	`total_lt_4` integer DEFAULT 0 NOT NULL,
	`total_lt_5` integer DEFAULT 0 NOT NULL,
	`total_lt_6` integer DEFAULT 0 NOT NULL,
	`total_lt_7` integer DEFAULT 0 NOT NULL,
	`total_lt_8` integer DEFAULT 0 NOT NULL,
	`total_lt_9` integer DEFAULT 0 NOT NULL,
	`total_lt_10` integer DEFAULT 0 NOT NULL,
	`total_lt_11` integer DEFAULT 0 NOT NULL,
	`total_lt_12` integer DEFAULT 0 NOT NULL,
	`total_lt_13` integer DEFAULT 0 NOT NULL,
	`total_lt_14` integer DEFAULT 0 NOT NULL,
	`total_lt_15` integer DEFAULT 0 NOT NULL,
	`total_lt_16` integer DEFAULT 0 NOT NULL,
	`total_lt_17` integer DEFAULT 0 NOT NULL,
	`total_lt_18` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`provider_id`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `provider_errors` (
	`bucket` integer NOT NULL,
	`provider_id` text NOT NULL,
	`error_class` text NOT NULL,
	`errors` integer DEFAULT 0 NOT NULL,
	`retried` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`provider_id`, `bucket`, `error_class`)
);
--> statement-breakpoint
CREATE TABLE `breaker_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`provider_id` text NOT NULL,
	`from_state` text NOT NULL,
	`to_state` text NOT NULL,
	`reason` text NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `breaker_events_provider_at_idx` ON `breaker_events` (`provider_id`,`at`);--> statement-breakpoint
CREATE TABLE `request_sessions` (
	`session_id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`key_id` text,
	`provider_id` text,
	`user_agent` text,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`errors` integer DEFAULT 0 NOT NULL,
	`input_tokens` integer DEFAULT 0 NOT NULL,
	`output_tokens` integer DEFAULT 0 NOT NULL,
	`cache_read_tokens` integer DEFAULT 0 NOT NULL,
	`cache_write_tokens` integer DEFAULT 0 NOT NULL,
	`cost_usd` real DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `request_sessions_last_idx` ON `request_sessions` (`last_at`,`session_id`);--> statement-breakpoint
CREATE INDEX `request_sessions_user_last_idx` ON `request_sessions` (`user_id`,`last_at`,`session_id`);--> statement-breakpoint
CREATE INDEX `request_sessions_key_last_idx` ON `request_sessions` (`key_id`,`last_at`,`session_id`);--> statement-breakpoint
CREATE INDEX `requests_session_created_idx` ON `requests` (`session_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `request_bodies` ADD `codec` text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE `request_bodies` ADD `request_z` blob;--> statement-breakpoint
ALTER TABLE `request_bodies` ADD `response_z` blob;--> statement-breakpoint
ALTER TABLE `request_bodies` ADD `stored_bytes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `request_bodies` ADD `original_bytes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `request_bodies` ADD `captured_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `request_bodies` SET `stored_bytes` = coalesce(length(CAST(`request` AS blob)), 0) + coalesce(length(CAST(`response` AS blob)), 0),
  `original_bytes` = coalesce(length(CAST(`request` AS blob)), 0) + coalesce(length(CAST(`response` AS blob)), 0),
  `captured_at` = coalesce((SELECT `created_at` FROM `requests` WHERE `requests`.`id` = `request_bodies`.`request_id`), 0);--> statement-breakpoint
CREATE INDEX `request_bodies_captured_idx` ON `request_bodies` (`captured_at`,`stored_bytes`);
