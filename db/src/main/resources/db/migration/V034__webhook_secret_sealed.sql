-- Webhook secrets are kept sealed under the master key (AES-GCM, base64 with a "v1:" prefix): a 200-character
-- secret takes 304 characters sealed. Rows written before are sealed when the application starts.
ALTER TABLE webhook MODIFY secret VARCHAR(400) NOT NULL;
