package io.modelfleet.api.audit;

import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads the audit log newest first; the WHERE clause holds only the filters given, so each can use its index. */
@ApplicationScoped
public class AuditReader {

    private static final String COLUMNS = "id, at, actor, role, method, path, resource_kind, resource_name, action,"
            + " revision_before, revision_after, status, outcome, detail";

    private final Pool pool;

    public AuditReader(Pool pool) {
        this.pool = pool;
    }

    Uni<Page<AuditEntryView>> find(AuditQuery query, PageRequest page) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        condition(where, args, "resource_kind = ", query.kind());
        condition(where, args, "resource_name = ", query.name());
        condition(where, args, "actor = ", query.actor());
        condition(where, args, "at >= ", query.since());
        condition(where, args, "at < ", query.until());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(page.size());
        pageArgs.add((long) page.page() * page.size());
        String select = "SELECT " + COLUMNS + " FROM audit_log" + where + " ORDER BY at DESC, id DESC LIMIT $"
                + (args.size() + 1) + " OFFSET $" + (args.size() + 2);
        return pool.preparedQuery(select).execute(Tuple.from(pageArgs))
                .map(rows -> {
                    List<AuditEntryView> items = new ArrayList<>();
                    rows.forEach(row -> items.add(view(row)));
                    return items;
                })
                .chain(items -> pool.preparedQuery("SELECT count(*) AS total FROM audit_log" + where)
                        .execute(Tuple.from(args))
                        .map(rows -> new Page<>(items, page.page(), page.size(),
                                rows.iterator().next().getLong("total"))));
    }

    private static void condition(StringBuilder where, List<Object> args, String test, Object value) {
        if (value != null) {
            args.add(value);
            where.append(" AND ").append(test).append('$').append(args.size());
        }
    }

    private static AuditEntryView view(Row row) {
        Short status = row.getShort("status");
        return new AuditEntryView(row.getLong("id"), row.getOffsetDateTime("at"), row.getString("actor"),
                row.getString("role"), row.getString("method"), row.getString("path"), row.getString("resource_kind"),
                row.getString("resource_name"), row.getString("action"), row.getLong("revision_before"),
                row.getLong("revision_after"), status == null ? null : status.intValue(),
                Outcome.valueOf(row.getString("outcome")), row.getString("detail"));
    }
}
