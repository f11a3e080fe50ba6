package io.procmesh.launcher.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Condenses a SnakeYAML syntax error, several lines of context, marks and a caret, into the problem, where it
 * is, and what was being parsed: e.g. "expected ',' or '}', but got <stream end> (while parsing a flow mapping)".
 */
record YamlSyntaxError(String problem, int line, int column)
{
    private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+)");

    /**
     * @return the condensed error, or null if the message has no mark to point at.
     */
    static YamlSyntaxError parse(final String message)
    {
        if (message == null)
        {
            return null;
        }
        final List<String> statements = new ArrayList<>();
        int line = 0;
        int column = 0;
        for (final String text : message.split("\\R"))
        {
            final Matcher mark = MARK.matcher(text);
            if (mark.find())
            {
                line = Integer.parseInt(mark.group(1));
                column = Integer.parseInt(mark.group(2));
            }
            else if (!text.isBlank() && !Character.isWhitespace(text.charAt(0)))
            {
                statements.add(text.strip());
            }
        }
        if (line == 0 || statements.isEmpty())
        {
            return null;
        }
        final String problem = statements.get(statements.size() - 1);
        return new YamlSyntaxError(statements.size() > 1 ?
            problem + " (" + statements.get(0) + ")" : problem, line, column);
    }
}
