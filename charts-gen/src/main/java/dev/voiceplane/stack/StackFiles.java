package dev.voiceplane.stack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code stacks/} directory: one {@code Pulumi.<stack>.yaml} per stack, shared with Pulumi
 * ({@code stackConfigDir: stacks} in Pulumi.yaml). A stack name is checked before any path is made
 * of it, so a name can never reach a file outside the directory.
 */
public final class StackFiles {
    /**
     * What Pulumi allows as a stack name: letters, digits, '-', '_', '.', at most 100
     * (https://www.pulumi.com/docs/iac/concepts/stacks/#create-stack; pulumi/pulumi's
     * validateStackName). Slashes (org/project/stack) name a stack in a backend, never a file.
     */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern FILE = Pattern.compile("Pulumi\\.([A-Za-z0-9_.-]{1,100})\\.yaml");

    private final Path directory;

    public StackFiles(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Stack names found in the directory, sorted. */
    public List<String> names() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> FILE.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> m.group(1))
                    .filter(StackFiles::isValidName)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StackConfigException(List.of(new ConfigProblem(directory.toString(), 0, "", "cannot list stacks: " + e.getMessage())));
        }
    }

    /** True when {@code stack} is a name Pulumi accepts (and so a safe file-name part). */
    public static boolean isValidName(String stack) {
        return stack != null && NAME.matcher(stack).matches() && !stack.equals(".") && !stack.equals("..");
    }

    /**
     * {@code stack} unchanged when it is a valid name.
     *
     * @throws UnknownStackException naming what is wrong with it
     */
    public static String checkName(String stack) {
        if (!isValidName(stack)) {
            throw UnknownStackException.invalidName(stack);
        }
        return stack;
    }

    public Path fileOf(String stack) {
        return directory.resolve("Pulumi." + checkName(stack) + ".yaml");
    }

    /**
     * Reads and validates one stack.
     *
     * @throws UnknownStackException when the name is not valid or there is no file for it
     * @throws StackConfigException  when the file cannot be read or has problems
     */
    public StackConfig load(String stack) {
        Path file = fileOf(stack);
        if (!Files.isDirectory(directory)) {
            throw UnknownStackException.noDirectory(stack, directory);
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnknownStackException(stack, directory, names());
        }
        String text = read(file);
        return StackConfigParser.parse(file.toString(), stack, text);
    }

    /** The file's text, or a problem that says in words why it cannot be read. */
    static String read(Path file) {
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            throw unreadable(file, symlinkProblem(file));
        }
        if (Files.isDirectory(file)) {
            throw unreadable(file, "is a directory, not a stack file");
        }
        if (!Files.isRegularFile(file)) {
            throw unreadable(file, "is not a regular file (a device, socket or pipe?)");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > LocatedYaml.MAX_CODE_POINTS) {
                throw unreadable(file, "is " + size + " bytes; a stack file is a few KiB (at most " + LocatedYaml.MAX_CODE_POINTS + " bytes)");
            }
            bytes = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw unreadable(file, "cannot be read: permission denied");
        } catch (IOException e) {
            throw unreadable(file, "cannot be read: " + e.getMessage());
        }
        return utf8(file.toString(), bytes);
    }

    /** A dangling link or a loop of links: which, in words. */
    private static String symlinkProblem(Path file) {
        try {
            file.toRealPath();
            return "is a symbolic link that cannot be followed";
        } catch (NoSuchFileException e) {
            return "is a symbolic link to " + target(file) + ", which does not exist";
        } catch (FileSystemException e) {
            return "is a symbolic link in a loop of links (" + e.getReason() + ")";
        } catch (IOException e) {
            return "is a symbolic link that cannot be followed: " + e.getMessage();
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Decodes strictly: a byte that is not UTF-8 is reported with its line, not replaced. */
    static String utf8(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new StackConfigException(List.of(new ConfigProblem(file, line, "", String.format(
                    "byte 0x%02x is not UTF-8; save the file as UTF-8", bytes[at] & 0xff))));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static StackConfigException unreadable(Path file, String message) {
        return new StackConfigException(List.of(new ConfigProblem(file.toString(), 0, "", message)));
    }
}
