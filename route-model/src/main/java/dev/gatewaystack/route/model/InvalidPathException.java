package dev.gatewaystack.route.model;

/** A route path that cannot be parsed; the message says what is wrong and how to fix it. */
public class InvalidPathException extends IllegalArgumentException {
    public InvalidPathException(String message) {
        super(message);
    }
}
