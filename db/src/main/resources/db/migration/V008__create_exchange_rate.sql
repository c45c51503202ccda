-- The manual exchange-rate table that FINANCE maintains: the price of one bitcoin in each fiat currency.
-- Invoices in fiat fix their rate from here at creation; history is kept so every rate used can be traced.
CREATE TABLE exchange_rate (
    id          BIGINT AUTO_INCREMENT NOT NULL,
    currency    CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    btc_price   DECIMAL(24, 8) NOT NULL,
    set_by      VARCHAR(100) NOT NULL,
    set_at      TIMESTAMP(6) NOT NULL,
    CONSTRAINT pk_exchange_rate PRIMARY KEY (id),
    CONSTRAINT ck_exchange_rate_currency CHECK (currency REGEXP '^[A-Z]{3}$'),
    CONSTRAINT ck_exchange_rate_price CHECK (btc_price > 0)
);

CREATE INDEX ix_exchange_rate_currency_set_at ON exchange_rate (currency, set_at);
