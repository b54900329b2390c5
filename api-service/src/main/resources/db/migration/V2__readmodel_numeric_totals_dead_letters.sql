-- Issue 9 item 6: the read model cannot be jammed.
-- Totals are NUMERIC: sums of BIGINT amounts cannot overflow them (10^38 would need ~10^19 maximal postings).
ALTER TABLE monthly_summary
    ALTER COLUMN income_minor TYPE NUMERIC(38, 0),
    ALTER COLUMN expense_minor TYPE NUMERIC(38, 0);

-- Kafka records the consumer could not apply for a data reason (SQLSTATE class 22 or 23): parked here with the
-- error and skipped, instead of being retried forever in front of every later record of their partition.
-- Key and value are kept as their UTF-8 bytes: they may hold what a text column refuses (NUL).
CREATE TABLE readmodel_dead_letters (
    id              BIGSERIAL PRIMARY KEY,
    topic           TEXT        NOT NULL,
    kafka_partition INTEGER     NOT NULL,
    kafka_offset    BIGINT      NOT NULL,
    record_key      BYTEA,
    record_value    BYTEA,
    sql_state       CHAR(5)     NOT NULL,
    error           TEXT        NOT NULL,
    parked_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT readmodel_dead_letters_record UNIQUE (topic, kafka_partition, kafka_offset)
);
