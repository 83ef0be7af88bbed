package io.junction.slt;

import java.util.List;
import java.util.Set;

/**
 * A parsed {@code .slt} file.
 *
 * @param name     path relative to the suite root, used in test names and failure messages
 * @param requires features named by {@code # requires: ...} header lines
 * @param records  the records in file order
 */
record SltFile(String name, Set<String> requires, List<SltRecord> records) {
}
