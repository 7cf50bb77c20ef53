package io.dendra.targets;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.diagnostics.Suggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * A target file's syntax: the parse tree (ANTLR, grammar {@code TargetDescription.g4}) as sections of
 * fields, each field read by name at most once, what the schema did not read refused with the name it
 * probably meant, every field's {@code source "..."} kept by its qualified name, and the errors that
 * point into the file. {@link TargetReader} is the schema that reads them.
 */
final class TargetSyntax {
    private final Path file;
    /** Each field's source note, by its qualified name, as the schema reads it. */
    final Map<String, String> sources = new HashMap<>();

    TargetSyntax(Path file) {
        this.file = file;
    }

    record Field(String name, List<TargetDescriptionParser.ValueContext> values, String source, Token at) {}

    /** A section's fields and subsections, and which of them the schema has read. */
    final class Section {
        final String path;
        final Token close;
        final Map<String, Field> fields = new LinkedHashMap<>();
        final Map<String, Section> sections = new LinkedHashMap<>();
        final Map<String, Token> sectionTokens = new HashMap<>();
        final List<String> read = new ArrayList<>();

        Section(String path, Token close, List<TargetDescriptionParser.EntryContext> entries) {
            this.path = path;
            this.close = close;
            for (TargetDescriptionParser.EntryContext entry : entries) {
                if (entry.field() != null) {
                    TargetDescriptionParser.FieldContext f = entry.field();
                    String name = f.name.getText();
                    checkUnique(name, f.name);
                    fields.put(name, new Field(name, f.value(), f.source == null ? null : unquote(f.source), f.name));
                } else {
                    TargetDescriptionParser.SectionContext s = entry.section();
                    String name = s.name.getText();
                    checkUnique(name, s.name);
                    sections.put(name, new Section(qualified(name), s.close, s.entry()));
                    sectionTokens.put(name, s.name);
                }
            }
        }

        private void checkUnique(String name, Token at) {
            if (fields.containsKey(name) || sections.containsKey(name)) {
                throw error(ErrorCode.TARGET_DUPLICATE, at, "'" + qualified(name) + "' is given twice", null);
            }
        }

        String qualified(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        Section section(String name) {
            read.add(name);
            Section s = sections.get(name);
            if (s == null) throw error(ErrorCode.TARGET_MISSING_FIELD, close, where() + "lacks the section '" + name + " { ... }'", null);
            return s;
        }

        Field field(String name) {
            read.add(name);
            Field f = fields.get(name);
            if (f == null) {
                if (sections.containsKey(name)) throw error(ErrorCode.TARGET_VALUE, sectionTokens.get(name), "'" + qualified(name) + "' is a field, not a section", "write " + name + " = ...;");
                for (Field other : fields.values()) {
                    if (!read.contains(other.name()) && Suggestions.nearest(other.name(), List.of(name)).isPresent()) {
                        throw error(ErrorCode.TARGET_UNKNOWN_FIELD, other.at(), "unknown field '" + qualified(other.name()) + "'",
                                "did you mean '" + name + "'?");
                    }
                }
                throw error(ErrorCode.TARGET_MISSING_FIELD, close, where() + "lacks the field '" + name + "'", null);
            }
            if (f.source() != null) sources.put(qualified(name), f.source());
            return f;
        }

        boolean has(String name) {
            return fields.containsKey(name);
        }

        private String where() {
            return path.isEmpty() ? "the target " : "section '" + path + "' ";
        }

        /** Refuses what the schema did not read, suggesting the field it probably meant. */
        void finish() {
            for (Map.Entry<String, Field> f : fields.entrySet()) {
                if (!read.contains(f.getKey())) {
                    throw error(ErrorCode.TARGET_UNKNOWN_FIELD, f.getValue().at(), "unknown field '" + qualified(f.getKey()) + "'",
                            Suggestions.didYouMean(f.getKey(), read));
                }
            }
            for (Map.Entry<String, Section> s : sections.entrySet()) {
                if (!read.contains(s.getKey())) {
                    throw error(ErrorCode.TARGET_UNKNOWN_FIELD, sectionTokens.get(s.getKey()), "unknown section '" + qualified(s.getKey()) + "'",
                            Suggestions.didYouMean(s.getKey(), read));
                }
                s.getValue().finish();
            }
        }
    }

    TargetDescriptionParser.FileContext parse(String text) {
        BaseErrorListener failFast = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String message, RecognitionException e) {
                throw new DendraException(ErrorCode.TARGET_SYNTAX, Place.at(file, line, column + 1), message, null);
            }
        };
        TargetDescriptionLexer lexer = new TargetDescriptionLexer(CharStreams.fromString(text, file.toString()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(failFast);
        TargetDescriptionParser parser = new TargetDescriptionParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(failFast);
        return parser.file();
    }

    DendraException error(ErrorCode code, Token at, String message, String hint) {
        return new DendraException(code, Place.at(file, at.getLine(), at.getCharPositionInLine() + 1), message, hint);
    }

    static String unquote(Token literal) {
        String text = literal.getText();
        return text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
