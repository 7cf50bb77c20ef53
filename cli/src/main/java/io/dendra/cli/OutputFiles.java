package io.dendra.cli;

import io.dendra.compiler.tensor.NpyFormat;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes command outputs so that none is ever half-written or stale: each file is written under a
 * temporary name beside its final one and moved into place when the command has succeeded; a
 * command that fails leaves nothing new, and one that is killed leaves only files whose names say
 * they are partial. A folder of outputs ({@link Staged}) also loses the previous run's files when a
 * new run starts in it, and holds a marker while the run is under way.
 */
final class OutputFiles {
    /** The file a run leaves in its output folder until it has written everything. */
    static final String INCOMPLETE_MARKER = "INCOMPLETE";

    private OutputFiles() {}

    /** Writes one file atomically. */
    static void writeNpy(Path file, Tensor tensor) {
        try (Staged staged = Staged.files()) {
            staged.npy(file, tensor);
            staged.commit();
        }
    }

    /** Writes one file atomically. */
    static void writeText(Path file, String text) {
        try (Staged staged = Staged.files()) {
            staged.text(file, text);
            staged.commit();
        }
    }

    static void createParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(file), "cannot create folder " + parent + ": " + e.getMessage(), null);
        }
    }

    /** Refuses an empty or blank output path, which would otherwise mean the current folder. */
    static Path require(Path path, String option) {
        if (path == null || path.toString().isBlank()) {
            throw new DendraException(ErrorCode.USAGE, Place.named(option), option + " is empty", "give a file or folder name");
        }
        return path;
    }

    /** Files written under temporary names and moved into place together by {@link #commit}. */
    static final class Staged implements AutoCloseable {
        private final Map<Path, Path> pending = new LinkedHashMap<>();
        private final Map<Path, byte[]> devices = new LinkedHashMap<>();
        /** Folders this made, deepest last: removed again, when empty, if the command fails. */
        private final java.util.List<Path> madeFolders = new java.util.ArrayList<>();
        private final Path marker;
        private boolean committed;

        private Staged(Path marker) {
            this.marker = marker;
        }

        /** Loose files, each moved into place at the commit. */
        static Staged files() {
            return new Staged(null);
        }

        /**
         * The outputs of a run in {@code folder}: the previous run's {@code names} there are removed
         * now, and a marker says the folder is incomplete until the commit.
         */
        static Staged folder(Path folder, List<String> names) {
            java.util.List<Path> missing = new java.util.ArrayList<>();
            for (Path p = folder.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) missing.add(0, p);
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(folder), "cannot create folder " + folder + ": " + e.getMessage(), null);
            }
            if (!Files.isDirectory(folder)) {
                throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(folder), folder + " is not a folder", "give a folder for the outputs");
            }
            Path marker = folder.resolve(INCOMPLETE_MARKER);
            try {
                Files.writeString(marker, "a dendra run writing into this folder has not finished; its outputs here are missing or partial\n");
                for (String name : names) Files.deleteIfExists(folder.resolve(name));
            } catch (IOException e) {
                throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(folder), "cannot write into " + folder + ": " + e.getMessage(), null);
            }
            Staged staged = new Staged(marker);
            staged.madeFolders.addAll(missing);
            return staged;
        }

        void text(Path file, String text) {
            bytes(file, text.getBytes(StandardCharsets.UTF_8));
        }

        void npy(Path file, Tensor tensor) {
            bytes(file, NpyFormat.encode(tensor));
        }

        /** Writes a file's bytes under a temporary name beside it. */
        void bytes(Path file, byte[] content) {
            Path absolute = file.toAbsolutePath();
            java.util.List<Path> missing = new java.util.ArrayList<>();
            for (Path p = absolute.getParent(); p != null && !Files.exists(p); p = p.getParent()) missing.add(0, p);
            createParent(file);
            madeFolders.addAll(missing);
            if (Files.isDirectory(absolute)) {
                throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(file), file + " is a folder", "give a file name");
            }
            if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
                devices.put(absolute, content); // /dev/stdout and the like: written as they are, first, at the commit
                return;
            }
            Path temp = absolute.resolveSibling(absolute.getFileName() + ".partial-" + ProcessHandle.current().pid());
            pending.put(absolute, temp);
            try {
                Files.write(temp, content);
            } catch (IOException e) {
                throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(file), "cannot write " + file + ": " + e.getMessage(), null);
            }
        }

        /** Moves every file into place, then removes the folder's marker. */
        void commit() {
            for (Map.Entry<Path, byte[]> e : devices.entrySet()) {
                try {
                    Files.write(e.getKey(), e.getValue());
                } catch (IOException ex) {
                    throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(e.getKey()), "cannot write " + e.getKey() + ": " + ex.getMessage(), null);
                }
            }
            for (Map.Entry<Path, Path> e : pending.entrySet()) {
                try {
                    move(e.getValue(), e.getKey());
                } catch (IOException ex) {
                    throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(e.getKey()), "cannot write " + e.getKey() + ": " + ex.getMessage(), null);
                }
            }
            pending.clear();
            try {
                if (marker != null) Files.deleteIfExists(marker);
            } catch (IOException ex) {
                throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(marker), "cannot remove " + marker + ": " + ex.getMessage(), null);
            }
            committed = true;
        }

        /** Without a commit: removes what was written, and the marker (the run wrote nothing). */
        @Override
        public void close() {
            if (committed) return;
            for (Path temp : pending.values()) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary name already says the file is partial
                }
            }
            try {
                if (marker != null) Files.deleteIfExists(marker);
            } catch (IOException ignored) {
                // the marker stays and says what it says
            }
            for (int i = madeFolders.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(madeFolders.get(i));
                } catch (IOException ignored) {
                    // not empty: something else is in it, so it stays
                }
            }
        }

        private static void move(Path from, Path to) throws IOException {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
