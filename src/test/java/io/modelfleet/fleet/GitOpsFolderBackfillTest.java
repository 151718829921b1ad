package io.modelfleet.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * V11 fills the new folder column of clusters that existed before it in SQL; the API fills it with
 * Path.normalize(). A mismatch would let a nested folder through after an upgrade, so the migration's own UPDATE
 * runs here, on a scratch copy of the table, over every spelling ClusterRules admits.
 */
@QuarkusTest
class GitOpsFolderBackfillTest {

    @Inject
    Pool pool;

    @Test
    void theMigrationsBackfillNormalizesEveryAdmittedSpellingLikeTheApi() throws IOException {
        String migration = Files.readString(Path.of("src/main/resources/db/migration/V11__gitops_folder_index.sql"));
        Matcher update = Pattern.compile("UPDATE cluster.*?;", Pattern.DOTALL).matcher(migration);
        update.find();
        List<String> spellings = List.of("a", "a/b", "a//b", "./a/b/", "a/./b", "a/././b", ".", "./", "a/.b",
                "a.b/c-d_e", "a///b//.//c/");
        Map<String, String> expected = new HashMap<>();
        spellings.forEach(d -> expected.put(d, Path.of(d).normalize().toString()));
        expected.put("(none)", "named");
        Map<String, String> actual = new HashMap<>();
        pool.withTransaction(c -> c.query("CREATE TEMP TABLE cluster (name TEXT, target JSONB, gitops_directory TEXT)"
                + " ON COMMIT DROP").execute()
                .chain(() -> c.preparedQuery("INSERT INTO pg_temp.cluster (name, target)"
                        + " SELECT d, jsonb_build_object('type', 'GITOPS', 'directory', d) FROM unnest($1::text[]) d")
                        .execute(Tuple.of(spellings.toArray(new String[0]))))
                .chain(() -> c.query("INSERT INTO pg_temp.cluster (name, target) VALUES ('named', '{\"type\":"
                        + "\"GITOPS\"}'), ('kube', '{\"type\":\"KUBERNETES\",\"context\":\"x\"}')").execute())
                .chain(() -> c.query(update.group().replace("UPDATE cluster", "UPDATE pg_temp.cluster")).execute())
                .chain(() -> c.query("SELECT name, target ->> 'directory' AS d, gitops_directory FROM pg_temp.cluster")
                        .execute())
                .invoke(rows -> {
                    for (Row r : rows) {
                        actual.put(r.getString("d") == null ? (r.getString("name").equals("kube") ? "kube" : "(none)")
                                : r.getString("d"), r.getString("gitops_directory"));
                    }
                })).await().indefinitely();
        expected.put("kube", null);
        assertEquals(expected, actual);
    }
}
