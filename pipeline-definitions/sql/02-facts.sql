-- One row per log line. DISTKEY (service_name): the most common joins and GROUP BYs are per service, so rows of
-- one service meet on one slice; services are many enough to spread the rows evenly. SORTKEY (event_time):
-- nearly every query asks for a time window, and the sort key lets Redshift skip blocks outside it.
-- source_object and run_id say where a row came from: a reload of an object first deletes that object's rows.

CREATE TABLE IF NOT EXISTS fact_log_event (
    event_time TIMESTAMP NOT NULL,
    time_key TIMESTAMP NOT NULL REFERENCES dim_time (time_key),
    dataset_name VARCHAR(64) NOT NULL REFERENCES dim_dataset (dataset_name),
    service_name VARCHAR(128) NOT NULL REFERENCES dim_service (service_name),
    host VARCHAR(255) NOT NULL REFERENCES dim_source (host),
    event_type VARCHAR(160) NOT NULL,
    severity VARCHAR(16) NOT NULL,
    client_ip VARCHAR(45),
    status_code SMALLINT,
    bytes_sent BIGINT,
    duration_ms INTEGER,
    source_object VARCHAR(1024) NOT NULL,
    run_id VARCHAR(128) NOT NULL,
    FOREIGN KEY (event_type, severity) REFERENCES dim_event_type (event_type, severity)
)
DISTKEY (service_name)
SORTKEY (event_time);
