package dev.cachedjdbc.schema;

import dev.cachedjdbc.analysis.TableKey;
import java.util.ArrayList;
import java.util.List;

/** Short forms of table keys for the tests of the catalog snapshot, which name many. */
final class Keys {

    private Keys() {
    }

    static TableKey key(String name) {
        return TableKey.of(name);
    }

    static List<TableKey> keys(String... names) {
        List<TableKey> keys = new ArrayList<>(names.length);
        for (String name : names) {
            keys.add(TableKey.of(name));
        }
        return keys;
    }
}
