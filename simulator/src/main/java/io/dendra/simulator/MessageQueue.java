package io.dendra.simulator;

import java.util.Arrays;

/**
 * One step's messages between cores, as parallel primitive arrays reused from step to step: the
 * core that sent each, its destination core and axon, its payload, its send time (then its
 * arrival), and whether it carries the host's input (sent by an on-chip input neuron). Cores queue
 * their messages one core after another, each in send-time order; {@link #mergeByTime} orders them
 * all by (time, queue index) with a k-way merge of those runs, no sort. (The host's own messages
 * cross no link and are not queued: {@link HostInput}.)
 */
final class MessageQueue {
    int size;
    int[] source = new int[1024];
    boolean[] input = new boolean[1024];
    int[] core = new int[1024];
    int[] axon = new int[1024];
    long[] payload = new long[1024];
    long[] time = new long[1024];
    /** Queue indices in (time, index) order, after {@link #mergeByTime}. */
    int[] order = new int[1024];
    /** Where each core's messages end in the queue. */
    final int[] segmentEnd;
    private final int[] heap;
    private final int[] cursor;
    private final int[] limit;
    /** Each run's next send time. */
    private final long[] head;

    MessageQueue(int cores) {
        segmentEnd = new int[cores];
        heap = new int[cores + 1];
        cursor = new int[cores + 1];
        limit = new int[cores + 1];
        head = new long[cores + 1];
    }

    void clear() {
        size = 0;
        Arrays.fill(segmentEnd, 0);
    }

    void add(int from, int toCore, int toAxon, long value, long at, boolean fromInput) {
        if (size == source.length) grow();
        source[size] = from;
        input[size] = fromInput;
        core[size] = toCore;
        axon[size] = toAxon;
        payload[size] = value;
        time[size] = at;
        size++;
    }

    /** Core {@code c}'s messages are queued. */
    void endSegment(int c) {
        segmentEnd[c] = size;
    }

    private void grow() {
        int n = source.length * 2;
        source = Arrays.copyOf(source, n);
        input = Arrays.copyOf(input, n);
        core = Arrays.copyOf(core, n);
        axon = Arrays.copyOf(axon, n);
        payload = Arrays.copyOf(payload, n);
        time = Arrays.copyOf(time, n);
        order = new int[n];
    }

    /**
     * Puts this step's messages in (time, queue index) order into {@link #order}: each core's
     * messages are already in that order, so a k-way merge of those runs does it (a binary heap of
     * the runs, keyed by each run's next time).
     */
    void mergeByTime() {
        int runs = 0;
        int from = 0;
        for (int c = 0; c < segmentEnd.length; c++) {
            int to = segmentEnd[c];
            if (to > from) {
                cursor[runs] = from;
                limit[runs] = to;
                head[runs] = time[from];
                runs++;
                from = to;
            }
        }
        if (size > from) {
            cursor[runs] = from;
            limit[runs] = size;
            head[runs] = time[from];
            runs++;
        }
        int live = 0;
        for (int r = 0; r < runs; r++) heap[live++] = r;
        for (int i = live / 2 - 1; i >= 0; i--) siftDown(i, live);
        int n = 0;
        while (live > 0) {
            int r = heap[0];
            int m = cursor[r]++;
            order[n++] = m;
            if (cursor[r] == limit[r]) heap[0] = heap[--live];
            else head[r] = time[m + 1];
            siftDown(0, live);
        }
    }

    /** Whether run a's next message comes before run b's: earlier time, or the same time and queued first. */
    private boolean before(int a, int b) {
        long ta = head[a];
        long tb = head[b];
        return ta < tb || (ta == tb && cursor[a] < cursor[b]);
    }

    private void siftDown(int i, int live) {
        int moving = heap[i];
        while (true) {
            int l = 2 * i + 1;
            if (l >= live) break;
            int smallest = l + 1 < live && before(heap[l + 1], heap[l]) ? l + 1 : l;
            if (!before(heap[smallest], moving)) break;
            heap[i] = heap[smallest];
            i = smallest;
        }
        heap[i] = moving;
    }
}
