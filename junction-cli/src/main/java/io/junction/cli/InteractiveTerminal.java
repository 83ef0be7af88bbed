package io.junction.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether a person is typing at stdin, which makes the REPL the default command. */
final class InteractiveTerminal {
    private InteractiveTerminal() {
    }

    static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // Since JDK 22 a console exists even when the streams are redirected; isTerminal() tells the cases
        // apart. It is looked up reflectively because the code is compiled for Java 21, where a non-null
        // console already means a terminal.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
