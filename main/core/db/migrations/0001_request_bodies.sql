CREATE TABLE `request_bodies` (
	`request_id` text PRIMARY KEY NOT NULL,
	`request` text,
	`response` text,
	`truncated` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade
);
