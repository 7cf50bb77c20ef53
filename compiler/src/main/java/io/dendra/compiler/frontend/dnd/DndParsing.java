package io.dendra.compiler.frontend.dnd;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.nio.file.Path;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/** Runs the ANTLR lexer and parser over model source text, stopping at the first syntax error. */
final class DndParsing {
    /** The keywords of the grammar, which cannot name values. */
    static final List<String> RESERVED = List.of("model", "tensors", "prefix", "let", "input", "real", "tokens", "repeat", "in", "output", "true", "false");

    private DndParsing() {}

    static DndParser.FileContext parse(String text, Path file) {
        return parser(text, file).file();
    }

    /** Parses bare statements, as a shortcut's expansion is written. */
    static DndParser.StatementsContext parseStatements(String text, Path file) {
        return parser(text, file).statements();
    }

    private static DndParser parser(String text, Path file) {
        BaseErrorListener failFast = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column, String message,
                    RecognitionException e) {
                String hint = null;
                if (offendingSymbol instanceof Token token && RESERVED.contains(token.getText())) {
                    hint = "'" + token.getText() + "' is a reserved word (" + String.join(", ", RESERVED) + "); choose another name";
                }
                throw new DendraException(ErrorCode.SYNTAX, Place.at(file, line, column + 1), message, hint);
            }
        };
        DndLexer lexer = new DndLexer(CharStreams.fromString(text, file.toString()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(failFast);
        DndParser parser = new DndParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(failFast);
        return parser;
    }
}
