package dev.gatewaystack.support;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A part of a service's start-up on a thread of its own, joined where its result is needed. Start-up is mostly class
 * loading and first-time initialisation on one thread; what does not depend on the rest (the database's migration
 * check and pool, the broker clients) runs on the second core meanwhile.
 */
public final class StartupTask<T> {
    private final FutureTask<T> task;

    private StartupTask(FutureTask<T> task) {
        this.task = task;
    }

    public static <T> StartupTask<T> start(String threadName, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofPlatform().name(threadName).daemon(true).start(task);
        return new StartupTask<>(task);
    }

    /** Waits for the work; its exception is thrown here as it was thrown there (checked ones wrapped). */
    public T join() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    /** After a failure elsewhere: what the work made, to be closed, or empty when it failed too. */
    public Optional<T> joinQuietly() {
        try {
            return Optional.ofNullable(join());
        } catch (RuntimeException | Error e) {
            return Optional.empty();
        }
    }
}
