package org.opencsd.fluffle;

/**
 * A daemon thread that calls a tick every interval until stopped: the file system's background
 * garbage collection and periodic metadata commit.
 *
 * <p>Thread-safe: {@link #stop} may be called from any thread and waits for the thread to end.
 */
final class BackgroundWorker {
    private final Thread thread;
    private volatile boolean running = true;

    BackgroundWorker(String name, long intervalMillis, Runnable tick) {
        thread = Thread.ofPlatform().daemon().name(name).unstarted(() -> {
            while (running) {
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
                if (running) tick.run();
            }
        });
        thread.start();
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
