package org.opencsd.fuse.fluffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.opencsd.csd.CsdError;
import org.opencsd.csd.CsdException;
import org.opencsd.csd.CsdResult;

/** {@link ReadAhead}'s rules: when it speculates, what a reader takes, and what it drops. */
class ReadAheadTest {
    private static final int R = 524288;

    /** Records every start; the futures stay incomplete. */
    private static final class Starts implements ReadAhead.Starter {
        final List<String> started = new ArrayList<>();
        boolean busy;

        @Override
        public CompletableFuture<CsdResult> start(long offset, int size) {
            if (busy) throw new CsdException(CsdError.DEVICE_BUSY, "full");
            started.add(offset + "+" + size);
            return new CompletableFuture<>();
        }
    }

    @Test
    void aSequentialReaderGetsTheNextRequestsStartedAndTakesThem() {
        Starts s = new Starts();
        ReadAhead ra = new ReadAhead(2, 10L * R, s);
        CompletableFuture<CsdResult> first = ra.result(0, R);
        ra.succeeded(0, R);
        assertEquals(List.of("0+" + R, R + "+" + R, 2 * R + "+" + R), s.started);
        CompletableFuture<CsdResult> second = ra.result(R, R);
        assertEquals(3, s.started.size(), "the second request was speculated: nothing new started");
        assertTrue(first != second);
        ra.succeeded(R, R);
        assertEquals(List.of("0+" + R, R + "+" + R, 2 * R + "+" + R, 3 * R + "+" + R), s.started, "keeps 2 ahead");
        assertEquals(2, ra.pending());
    }

    @Test
    void onlyTheSameOffsetAndSizeTakeASpeculatedRun() {
        Starts s = new Starts();
        ReadAhead ra = new ReadAhead(1, 10L * R, s);
        ra.result(0, R);
        ra.succeeded(0, R);
        ra.result(R, 4096);
        assertEquals(List.of("0+" + R, R + "+" + R, R + "+4096"), s.started, "another size starts its own run");
    }

    @Test
    void aReaderThatJumpsDropsTheSpeculationAndStartsNothing() {
        Starts s = new Starts();
        ReadAhead ra = new ReadAhead(2, 10L * R, s);
        ra.result(0, R);
        ra.succeeded(0, R);
        ra.result(7L * R, R);
        ra.succeeded(7L * R, R);
        assertEquals(0, ra.pending());
        assertEquals(4, s.started.size(), "no speculation after a jump");
        ra.result(8L * R, R);
        ra.succeeded(8L * R, R);
        assertEquals(List.of(9L * R + "+" + R), s.started.subList(5, s.started.size()), "sequential again, up to the end of file");
    }

    @Test
    void nothingPastTheEndNothingWhenBusyNothingAfterClose() {
        Starts s = new Starts();
        ReadAhead ra = new ReadAhead(4, 2L * R + 10, s);
        ra.result(0, R);
        ra.succeeded(0, R);
        assertEquals(List.of("0+" + R, R + "+" + R, 2 * R + "+" + R), s.started, "the last request starts before the end");
        ReadAhead busy = new ReadAhead(2, 10L * R, s);
        s.busy = true;
        busy.succeeded(0, R);
        assertEquals(0, busy.pending());
        s.busy = false;
        CompletableFuture<Void> closed = ra.close();
        assertTrue(!closed.isDone(), "speculative runs still going");
        ra.succeeded(R, R);
        assertEquals(0, ra.pending());
        assertEquals(3, s.started.size(), "a closed read-ahead starts nothing");
    }

    @Test
    void closeCompletesWhenTheSpeculativeRunsEndEvenIfTheyFail() {
        List<CompletableFuture<CsdResult>> runs = new ArrayList<>();
        ReadAhead ra = new ReadAhead(2, 10L * R, (o, n) -> {
            CompletableFuture<CsdResult> f = new CompletableFuture<>();
            runs.add(f);
            return f;
        });
        ra.result(0, R);
        ra.succeeded(0, R);
        CompletableFuture<Void> closed = ra.close();
        runs.get(1).completeExceptionally(new CsdException(CsdError.KERNEL_FAULT, "x"));
        assertTrue(!closed.isDone());
        runs.get(2).cancel(false);
        assertTrue(closed.isDone() && !closed.isCompletedExceptionally());
    }
}
