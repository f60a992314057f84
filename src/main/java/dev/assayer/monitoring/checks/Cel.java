package dev.assayer.monitoring.checks;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The CEL environment of checks: variables {@code resource} and {@code meta} (map(string, dyn))
 * and {@code now} (timestamp); standard macros and the string extensions. Compiler and runtime are
 * immutable and shared by every thread.
 */
final class Cel {

    static final CelOptions OPTIONS = CelOptions.current()
            .evaluateCanonicalTypesToNativeValues(true)
            .enableHeterogeneousNumericComparisons(true)
            .enableTimestampEpoch(true)
            .build();

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings())
            .addVar("resource", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("meta", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("now", SimpleType.TIMESTAMP)
            .build();

    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addLibraries(CelExtensions.strings())
            .build();

    private Cel() {
    }

    /** Thrown by {@link #compile}: the CEL errors, formatted "ERROR: &lt;input&gt;:1:10: …" joined by "; ". */
    static final class CompileError extends Exception {
        CompileError(String message) {
            super(message, null, false, false);
        }
    }

    /** A compiled bool expression: the CEL program, and a fast path for common shapes (or null). */
    record Expr(String source, CelRuntime.Program program, FastPath.Root fast) {
    }

    static Expr compile(String source) throws CompileError {
        CelValidationResult result = COMPILER.compile(source);
        if (result.hasError()) {
            throw new CompileError(format(result.getErrors()));
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = result.getAst();
        } catch (CelValidationException e) {
            throw new CompileError(format(e.getErrors()));
        }
        CelKind kind = ast.getResultType().kind();
        if (kind != CelKind.BOOL && kind != CelKind.DYN) {
            String type = kind == CelKind.TIMESTAMP ? "timestamp" : kind == CelKind.DURATION ? "duration" : ast.getResultType().name();
            throw new CompileError("must be a bool expression, but is of type " + type);
        }
        try {
            return new Expr(source, RUNTIME.createProgram(ast), FastPath.of(ast));
        } catch (CelEvaluationException e) {
            throw new CompileError(e.getMessage());
        }
    }

    private static String format(List<CelIssue> issues) {
        List<String> parts = new ArrayList<>();
        for (CelIssue issue : issues) {
            String message = issue.getMessage().replace(" (in container '')", "");
            CelSourceLocation at = issue.getSourceLocation();
            String where = at == null || at.equals(CelSourceLocation.NONE) ? "<input>"
                    : "<input>:" + at.getLine() + ":" + (at.getColumn() + 1);
            parts.add("ERROR: " + where + ": " + message);
        }
        return parts.isEmpty() ? "ERROR: invalid expression" : String.join("; ", parts);
    }
}
