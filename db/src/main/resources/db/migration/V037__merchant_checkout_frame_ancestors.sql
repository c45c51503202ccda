-- The web sites (origins, space-separated) that may show the store's checkout page in a frame: its
-- Content-Security-Policy frame-ancestors. Empty: the checkout may not be framed by any other site.
ALTER TABLE merchant ADD COLUMN checkout_frame_ancestors VARCHAR(1000) NOT NULL DEFAULT '';
