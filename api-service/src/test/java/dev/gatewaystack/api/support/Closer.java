package dev.gatewaystack.api.support;

/** Closes test resources in the order given, skipping nulls, and reports the first failure after closing all. */
public final class Closer {
    private Closer() {
    }

    public static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
