package dev.gatewaystack.api.statements;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import dev.gatewaystack.api.db.Database;
import dev.gatewaystack.api.http.JsonBodies;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.api.messaging.Queues;
import dev.gatewaystack.api.messaging.RabbitParticipant;
import dev.gatewaystack.api.messaging.RabbitSettings;
import io.helidon.dbclient.DbRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Statement exports: a request stores a QUEUED job and puts its id on a durable RabbitMQ work queue (publisher
 * confirms); any replica's worker takes it (one at a time, manual ack), builds the month's CSV and stores it. A job
 * that fails is marked FAILED and its message dead-lettered.
 */
public final class StatementExports implements RabbitParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(StatementExports.class);
    private final Database db;
    private final String queue;
    private volatile Channel publisher;

    public StatementExports(Database db, RabbitSettings settings) {
        this.db = db;
        this.queue = settings.exportQueue();
    }

    @Override
    public void open(Connection connection) throws IOException {
        Channel worker = connection.createChannel();
        Queues.declareWithDeadLetters(worker, queue);
        worker.basicQos(1);
        worker.basicConsume(queue, false, (tag, delivery) -> work(worker, delivery),
                tag -> LOG.warn("statement export worker cancelled"));
        Channel p = connection.createChannel();
        p.confirmSelect();
        publisher = p;
    }

    /** Queues an export of {@code month} of an account the caller owns (the handler checked ownership). */
    public StatementExport request(String userId, UUID accountId, YearMonth month) {
        Channel p = publisher;
        if (p == null || !p.isOpen()) {
            throw Problem.unavailable("Statement exports cannot be queued right now; try again shortly");
        }
        UUID id = UUID.randomUUID();
        StatementExport export = db.client().execute().get("INSERT INTO statement_exports (id, user_id, account_id, "
                        + "month, status) VALUES (?::uuid, ?, ?::uuid, ?, 'QUEUED') RETURNING " + StatementExport.COLUMNS,
                id, userId, accountId, month.toString()).map(StatementExport::from).orElseThrow();
        try {
            publish(p, id);
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.warn("cannot queue statement export {}: {}", id, e.getMessage());
            markFailed(id, "could not be queued");
            throw Problem.unavailable("Statement exports cannot be queued right now; try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            markFailed(id, "could not be queued");
            throw Problem.unavailable("Interrupted while queueing the export");
        }
        return export;
    }

    private void publish(Channel p, UUID id) throws IOException, InterruptedException, TimeoutException {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).messageId(id.toString()).build();
        byte[] body = ("{\"exportId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        synchronized (p) { // channels are not thread safe; confirms are per channel
            p.basicPublish("", queue, true, props, body);
            p.waitForConfirmsOrDie(5000);
        }
    }

    public Optional<StatementExport> find(String userId, UUID id) {
        return db.client().execute().get("SELECT " + StatementExport.COLUMNS + " FROM statement_exports "
                + "WHERE id = ?::uuid AND user_id = ?", id, userId).map(StatementExport::from);
    }

    /** The CSV of a READY export; 409 while it is not. */
    public String csv(String userId, UUID id) {
        DbRow row = db.client().execute().get("SELECT status, csv FROM statement_exports WHERE id = ?::uuid AND user_id = ?",
                id, userId).orElseThrow(() -> Problem.notFound("Statement export " + id));
        String status = row.column("status").get(String.class);
        if (!"READY".equals(status)) {
            throw Problem.conflict("Statement export " + id + " is " + status + ", not READY");
        }
        return row.column("csv").get(String.class);
    }

    private void work(Channel channel, Delivery delivery) throws IOException {
        long tag = delivery.getEnvelope().getDeliveryTag();
        UUID id = null;
        try {
            JsonNode message = JsonBodies.MAPPER.readTree(delivery.getBody());
            id = UUID.fromString(message.path("exportId").asText());
            build(id);
            channel.basicAck(tag, false);
        } catch (Exception e) {
            LOG.error("statement export {} failed: {}", id, e.getMessage());
            if (id != null) {
                markFailed(id, "the statement could not be built");
            }
            channel.basicReject(tag, false);
        }
    }

    /** Builds and stores the CSV; a job already READY (redelivered message) is left as it is. */
    void build(UUID id) {
        db.inTransaction(tx -> {
            Optional<DbRow> job = tx.get("SELECT account_id, month, status FROM statement_exports WHERE id = ?::uuid "
                    + "FOR UPDATE", id);
            if (job.isEmpty() || !"QUEUED".equals(job.get().column("status").get(String.class))) {
                return null;
            }
            UUID accountId = job.get().column("account_id").get(UUID.class);
            YearMonth month = YearMonth.parse(job.get().column("month").get(String.class));
            List<DbRow> rows = tx.query("SELECT id, booking_date::text AS booking_date, category, description, "
                            + "amount_minor, currency FROM transactions WHERE account_id = ?::uuid "
                            + "AND booking_date BETWEEN ?::date AND ?::date ORDER BY booking_date, position",
                    accountId, month.atDay(1).toString(), month.atEndOfMonth().toString()).toList();
            StatementCsv csv = new StatementCsv();
            for (DbRow r : rows) {
                csv.add(r.column("booking_date").get(String.class), r.column("id").get(Object.class).toString(),
                        r.column("category").get(String.class), r.column("description").get(String.class),
                        r.column("amount_minor").get(Long.class), r.column("currency").get(String.class).trim());
            }
            tx.dml("UPDATE statement_exports SET status = 'READY', csv = ?, completed_at = now() WHERE id = ?::uuid",
                    csv.toString(), id);
            return null;
        });
    }

    private void markFailed(UUID id, String error) {
        try {
            db.client().execute().dml("UPDATE statement_exports SET status = 'FAILED', error = ?, completed_at = now() "
                    + "WHERE id = ?::uuid AND status = 'QUEUED'", error, id);
        } catch (RuntimeException e) {
            LOG.warn("cannot mark statement export {} failed: {}", id, e.getMessage());
        }
    }
}
