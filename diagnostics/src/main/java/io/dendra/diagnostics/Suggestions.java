package io.dendra.diagnostics;

import java.util.Optional;

/** "Did you mean ...?" hints: the known name closest to a misspelt one. */
public final class Suggestions {
    private Suggestions() {}

    /** The candidate closest to {@code name} by edit distance, if it is close enough to be a likely typo. */
    public static Optional<String> nearest(String name, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = editDistance(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** A hint "did you mean 'x'?" or null when nothing is close. */
    public static String didYouMean(String name, Iterable<String> candidates) {
        return nearest(name, candidates).map(n -> "did you mean '" + n + "'?").orElse(null);
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
