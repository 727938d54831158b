package org.opencsd.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process that made a demo folder, recorded in the folder ({@value #FILE}) so that a later
 * demo can tell a folder left by a killed run from one in use: a folder belongs to a running demo
 * when a process with the recorded pid and start time still runs (a reused pid has another start
 * time).
 *
 * @param pid the demo's process id
 * @param startMillis its start time, epoch milliseconds (-1 when the system does not say)
 */
record WorkspaceOwner(long pid, long startMillis) {
    /** The marker's name inside a demo folder. */
    static final String FILE = ".opencsd-demo-owner";

    /** This process. */
    static WorkspaceOwner current() {
        return of(ProcessHandle.current());
    }

    private static WorkspaceOwner of(ProcessHandle h) {
        return new WorkspaceOwner(h.pid(), h.info().startInstant().map(i -> i.toEpochMilli()).orElse(-1L));
    }

    /** Records this owner in {@code dir}. */
    void writeTo(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), pid + " " + startMillis + "\n");
    }

    /** The owner recorded in {@code dir}; empty when there is no readable marker (not a demo folder of this version). */
    static Optional<WorkspaceOwner> readFrom(Path dir) {
        try {
            String[] f = Files.readString(dir.resolve(FILE)).strip().split(" ");
            return Optional.of(new WorkspaceOwner(Long.parseLong(f[0]), Long.parseLong(f[1])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether this owner still runs. */
    boolean isRunning() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(WorkspaceOwner::of)
                .filter(now -> now.startMillis == startMillis || startMillis < 0 || now.startMillis < 0).isPresent();
    }
}
