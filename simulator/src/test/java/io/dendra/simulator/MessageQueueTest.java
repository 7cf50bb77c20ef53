package io.dendra.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A step's messages leave in order of send time, ties in the order they were queued (core by core). */
class MessageQueueTest {

    /**
     * Core 0 queues sends at 5, 9; core 1 nothing; core 2 at 5, 7; the host's input neurons (after
     * the last segment) at 1. By (time, queue index): 1 (index 4), 5 (0), 5 (2), 7 (3), 9 (1).
     */
    @Test
    void messagesAreOrderedBySendTimeThenByQueueIndex() {
        MessageQueue q = new MessageQueue(3);
        q.clear();
        q.add(0, 1, 0, 1, 5, false);
        q.add(0, 1, 1, 1, 9, false);
        q.endSegment(0);
        q.endSegment(1);
        q.add(2, 0, 0, 1, 5, false);
        q.add(2, 0, 1, 1, 7, false);
        q.endSegment(2);
        q.add(3, 2, 0, 1, 1, true);
        q.mergeByTime();
        assertArrayEquals(new int[] {4, 0, 2, 3, 1}, Arrays.copyOf(q.order, q.size));
    }

    /** On random runs (each core's sends in time order, many ties, cores without messages) the merge is a stable sort by time. */
    @Test
    void theMergeIsAStableSortByTime() {
        SplittableRandom random = new SplittableRandom(31);
        for (int trial = 0; trial < 200; trial++) {
            int cores = 1 + random.nextInt(9);
            MessageQueue q = new MessageQueue(cores);
            q.clear();
            for (int c = 0; c < cores; c++) {
                long t = random.nextInt(4);
                int n = random.nextInt(4) == 0 ? 0 : random.nextInt(300);
                for (int m = 0; m < n; m++) {
                    t += random.nextInt(3);
                    q.add(c, 0, 0, 1, t, false);
                }
                q.endSegment(c);
            }
            q.mergeByTime();
            Integer[] expected = new Integer[q.size];
            for (int i = 0; i < q.size; i++) expected[i] = i;
            Arrays.sort(expected, (a, b) -> Long.compare(q.time[a], q.time[b])); // stable: ties keep queue order
            assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), Arrays.copyOf(q.order, q.size), "trial " + trial);
        }
    }
}
