CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`before` text,
	`after` text,
	`ip` text
);
--> statement-breakpoint
CREATE INDEX `audit_created_idx` ON `audit_log` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `keys` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`expires_at` integer,
	`can_login` integer DEFAULT false NOT NULL,
	`groups` text,
	`limits` text DEFAULT '{}' NOT NULL,
	`retires_at` integer,
	`last_used_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `keys_key_hash_unique` ON `keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `keys_user_idx` ON `keys` (`user_id`);--> statement-breakpoint
CREATE TABLE `prices` (
	`model` text NOT NULL,
	`source` text NOT NULL,
	`price_data` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`model`, `source`)
);
--> statement-breakpoint
CREATE TABLE `providers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`base_url` text NOT NULL,
	`secret_ciphertext` text NOT NULL,
	`secret_hint` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`priority` integer DEFAULT 0 NOT NULL,
	`weight` integer DEFAULT 1 NOT NULL,
	`cost_multiplier` real DEFAULT 1 NOT NULL,
	`groups` text DEFAULT '[]' NOT NULL,
	`allowed_models` text DEFAULT '[]' NOT NULL,
	`model_redirects` text DEFAULT '[]' NOT NULL,
	`schedule` text,
	`limits` text DEFAULT '{}' NOT NULL,
	`attempts` integer DEFAULT 2 NOT NULL,
	`sticky` integer DEFAULT true NOT NULL,
	`breaker` text NOT NULL,
	`timeouts` text NOT NULL,
	`headers` text DEFAULT '{}' NOT NULL,
	`proxy_url` text,
	`anthropic_auth` text DEFAULT 'both' NOT NULL,
	`forward_client_ip` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `request_journal` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payload` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `requests` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`user_id` text,
	`key_id` text,
	`provider_id` text,
	`format` text NOT NULL,
	`endpoint` text NOT NULL,
	`model` text,
	`upstream_model` text,
	`stream` integer DEFAULT false NOT NULL,
	`status` integer NOT NULL,
	`error_class` text,
	`error_message` text,
	`blocked_by` text,
	`ttfb_ms` integer,
	`duration_ms` integer NOT NULL,
	`input_tokens` integer DEFAULT 0 NOT NULL,
	`output_tokens` integer DEFAULT 0 NOT NULL,
	`cache_write_5m_tokens` integer DEFAULT 0 NOT NULL,
	`cache_write_1h_tokens` integer DEFAULT 0 NOT NULL,
	`cache_read_tokens` integer DEFAULT 0 NOT NULL,
	`cost_usd` real,
	`session_id` text,
	`user_agent` text,
	`client_ip` text,
	`decision_chain` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `requests_created_idx` ON `requests` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `requests_user_created_idx` ON `requests` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_key_created_idx` ON `requests` (`key_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_provider_created_idx` ON `requests` (`provider_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `usage_hourly` (
	`hour` integer NOT NULL,
	`user_id` text DEFAULT '' NOT NULL,
	`key_id` text DEFAULT '' NOT NULL,
	`provider_id` text DEFAULT '' NOT NULL,
	`model` text DEFAULT '' NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`errors` integer DEFAULT 0 NOT NULL,
	`input_tokens` integer DEFAULT 0 NOT NULL,
	`output_tokens` integer DEFAULT 0 NOT NULL,
	`cache_write_5m_tokens` integer DEFAULT 0 NOT NULL,
	`cache_write_1h_tokens` integer DEFAULT 0 NOT NULL,
	`cache_read_tokens` integer DEFAULT 0 NOT NULL,
	`cost_usd` real DEFAULT 0 NOT NULL,
	`cache_savings_usd` real DEFAULT 0 NOT NULL,
	`duration_ms_sum` integer DEFAULT 0 NOT NULL,
	`ttfb_ms_sum` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`hour`, `user_id`, `key_id`, `provider_id`, `model`)
);
--> statement-breakpoint
CREATE TABLE `usage_ledger` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` text,
	`key_id` text,
	`provider_id` text,
	`cost_usd` real NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`role` text DEFAULT 'user' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`expires_at` integer,
	`groups` text DEFAULT '[]' NOT NULL,
	`allowed_models` text DEFAULT '[]' NOT NULL,
	`rpm` integer,
	`limits` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
