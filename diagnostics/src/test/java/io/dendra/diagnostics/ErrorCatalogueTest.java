package io.dendra.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErrorCatalogueTest {
    private static final Path ROOT = Path.of(System.getProperty("dendra.root", "..")).toAbsolutePath().normalize();

    @Test
    void codesAreUniqueAndWellFormed() {
        Set<String> seen = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(code.id().matches("E\\d{4}"), code.id());
            assertTrue(seen.add(code.id()), "duplicate " + code.id());
            assertTrue(!code.hint().isBlank(), code + " has a default hint");
        }
    }

    @Test
    void everyCodeIsDocumentedAndEveryDocumentedCodeExists() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/errors.md"));
        Set<String> documented = new HashSet<>();
        Matcher row = Pattern.compile("^\\| (E\\d{4}) \\|", Pattern.MULTILINE).matcher(doc);
        while (row.find()) documented.add(row.group(1));
        Set<String> defined = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) defined.add(code.id());
        assertEquals(defined, documented);
    }

    @Test
    void diagnosticIsOneLineWithPlaceCodeMessageAndHint() {
        Diagnostic d = new Diagnostic(ErrorCode.SYNTAX, Place.at(Path.of("m.dnd"), 3, 7), "missing ';'\nat end", null);
        assertEquals("m.dnd:3:7: error[E0201]: missing ';' at end; hint: see docs/model-language.md for the grammar", d.format());
        Diagnostic item = new Diagnostic(ErrorCode.MISSING_TENSOR, Place.item(Path.of("w.safetensors"), "tensor", "a.b"), "gone", "look");
        assertEquals("w.safetensors: tensor 'a.b': error[E0106]: gone; hint: look", item.format());
    }

    @Test
    void suggestionsFindLikelyTypos() {
        assertEquals("threshold", Suggestions.nearest("treshold", Set.of("tau", "threshold", "reset")).orElseThrow());
        assertTrue(Suggestions.nearest("banana", Set.of("tau", "reset")).isEmpty());
    }
}
