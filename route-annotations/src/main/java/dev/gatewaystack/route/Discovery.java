package dev.gatewaystack.route;

/** How the gateway finds the servers of an upstream. */
public enum Discovery {
    /** One Compose service per replica: {@code <service>-1 ... <service>-N} (or {@code <service>} for one). */
    REPLICA_NAMES,
    /**
     * One DNS name, {@code <service>}, that may resolve to several addresses ({@code docker compose up --scale});
     * nginx uses every address the name has when it starts.
     */
    DNS
}
