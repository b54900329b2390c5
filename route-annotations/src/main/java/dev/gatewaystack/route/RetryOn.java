package dev.gatewaystack.route;

/** Failures a {@link Retry} reacts to. */
public enum RetryOn {
    /** Could not connect, or the connection broke before a response header arrived. */
    ERROR,
    /** Connect or read timed out. */
    TIMEOUT,
    HTTP_500,
    HTTP_502,
    HTTP_503,
    HTTP_504,
    HTTP_429
}
