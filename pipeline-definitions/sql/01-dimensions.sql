-- Dimensions of the log star schema. Each is small (thousands of rows at most), so DISTSTYLE ALL puts a copy on
-- every node: joins from the fact never move dimension rows across the network. Keys are the natural values
-- (service name, host, hour): loads need no key lookups, and Redshift and the local DuckDB run the same SQL.

CREATE TABLE IF NOT EXISTS dim_time (
    time_key TIMESTAMP NOT NULL,
    event_date DATE NOT NULL,
    hour_of_day SMALLINT NOT NULL,
    day_of_week SMALLINT NOT NULL,
    month_of_year SMALLINT NOT NULL,
    calendar_year SMALLINT NOT NULL,
    PRIMARY KEY (time_key)
)
DISTSTYLE ALL
SORTKEY (time_key);

CREATE TABLE IF NOT EXISTS dim_service (
    service_name VARCHAR(128) NOT NULL,
    PRIMARY KEY (service_name)
)
DISTSTYLE ALL
SORTKEY (service_name);

CREATE TABLE IF NOT EXISTS dim_source (
    host VARCHAR(255) NOT NULL,
    PRIMARY KEY (host)
)
DISTSTYLE ALL
SORTKEY (host);

CREATE TABLE IF NOT EXISTS dim_event_type (
    event_type VARCHAR(160) NOT NULL,
    severity VARCHAR(16) NOT NULL,
    PRIMARY KEY (event_type, severity)
)
DISTSTYLE ALL
SORTKEY (event_type);

CREATE TABLE IF NOT EXISTS dim_dataset (
    dataset_name VARCHAR(64) NOT NULL,
    landing_prefix VARCHAR(256) NOT NULL,
    input_format VARCHAR(32) NOT NULL,
    PRIMARY KEY (dataset_name)
)
DISTSTYLE ALL
SORTKEY (dataset_name);
