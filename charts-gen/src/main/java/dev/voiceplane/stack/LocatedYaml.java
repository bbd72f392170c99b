package dev.voiceplane.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A stack file read into a Jackson tree, remembering the line of every key, so that errors about a
 * value can point at the line the user wrote it on.
 *
 * <p>It is read as Pulumi reads it (Go's yaml.v3, YAML 1.2), not as YAML 1.1 would: a plain
 * {@code yes}, {@code on} or {@code 012} is text, not a boolean or an octal number. What Pulumi would
 * read differently from what a person meant is refused with its line instead of guessed: a key
 * written twice (yaml.v3 refuses it too: "mapping key already defined"), a second document (Pulumi
 * reads only the first), a tag other than YAML's own ({@code !!str}, {@code !!int}, ...). Anchors
 * and aliases are resolved, as yaml.v3 does, with bounds against an alias bomb (a few lines that
 * expand to billions of nodes): SnakeYAML's own limit on aliases to collections, and a limit on
 * the nodes the expanded tree may have.
 */
final class LocatedYaml {
    /** SnakeYAML's default is 50; a stack file needs a handful at most. */
    static final int MAX_ALIASES = 50;
    /** A stack file has a few hundred nodes; expanded aliases may not make it more than this. */
    static final int MAX_NODES = 10_000;
    static final int MAX_DEPTH = 50;
    /** 1 MiB of text: a stack file is a few KiB. */
    static final int MAX_CODE_POINTS = 1 << 20;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Resolver YAML_11 = new Resolver();
    /** YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution). */
    private static final Pattern NULL = Pattern.compile("^(~|null|Null|NULL|)$");
    private static final Pattern BOOL = Pattern.compile("^(true|True|TRUE|false|False|FALSE)$");
    private static final Pattern INT = Pattern.compile("^[-+]?[0-9]+$");
    private static final Pattern OCTAL = Pattern.compile("^0o[0-7]+$");
    private static final Pattern HEX = Pattern.compile("^0x[0-9a-fA-F]+$");
    private static final Pattern FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    /** YAML's own tags, which mean what their names say; anything else is an application's and means nothing to Pulumi. */
    private static final Set<Tag> STANDARD = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ, Tag.MERGE);

    private final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedYaml(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    /**
     * Parses {@code text}; a syntax error, a duplicate key, a second document or a foreign tag
     * becomes a {@link StackConfigException} naming {@code file} and the line.
     */
    static LocatedYaml parse(String file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowDuplicateKeys(true); // found below, with both lines
        List<Node> documents = new ArrayList<>();
        try {
            for (Node document : new Yaml(options).composeAll(new StringReader(text))) {
                documents.add(document);
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw problem(file, mark == null ? 0 : mark.getLine() + 1, "not valid YAML: " + oneLine(e));
        } catch (YAMLException e) {
            throw problem(file, 0, "not valid YAML: " + e.getMessage());
        }
        if (documents.isEmpty()) {
            return new LocatedYaml(NODES.objectNode(), new HashMap<>());
        }
        if (documents.size() > 1) {
            throw problem(file, line(documents.get(1)), "a second YAML document starts here; a stack file is one document "
                    + "(Pulumi reads only the first), so remove the '---' and merge the two");
        }
        Reader reader = new Reader(file);
        JsonNode root = reader.read(documents.get(0), "", 0);
        if (!reader.problems.isEmpty()) {
            throw new StackConfigException(reader.problems);
        }
        return new LocatedYaml(root, reader.lines);
    }

    JsonNode root() {
        return root;
    }

    /** The line of the key at this JSON-pointer-like path ({@code /config/voiceplane:replicas/min}), or 0. */
    int lineOf(String path) {
        return lines.getOrDefault(path, 0);
    }

    private static StackConfigException problem(String file, int line, String message) {
        return new StackConfigException(List.of(new ConfigProblem(file, line, "", message)));
    }

    /** SnakeYAML's problem without its multi-line excerpt (the line number says where). */
    private static String oneLine(MarkedYAMLException e) {
        String context = e.getContext() == null ? "" : e.getContext() + ": ";
        return (context + (e.getProblem() == null ? e.getMessage() : e.getProblem())).replace('\n', ' ');
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** Walks the composed nodes into a tree, collecting every problem and counting expanded nodes. */
    private static final class Reader {
        private final String file;
        private final Map<String, Integer> lines = new HashMap<>();
        private final List<ConfigProblem> problems = new ArrayList<>();
        private int nodes;
        private boolean tooBig;

        Reader(String file) {
            this.file = file;
        }

        JsonNode read(Node node, String path, int depth) {
            if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
                if (!tooBig) {
                    tooBig = true;
                    problems.add(new ConfigProblem(file, line(node), "", "aliases here expand to more than " + MAX_NODES
                            + " values (or nest deeper than " + MAX_DEPTH + "); a stack file never needs that many"));
                }
                return NODES.nullNode();
            }
            if (!STANDARD.contains(node.getTag()) && !isImplicit(node)) {
                problems.add(new ConfigProblem(file, line(node), "", "unsupported tag " + node.getTag()
                        + ": Pulumi reads stack files as plain YAML; remove the tag"));
                return NODES.nullNode();
            }
            return switch (node.getNodeId()) {
                case mapping -> mapping((MappingNode) node, path, depth);
                case sequence -> sequence((SequenceNode) node, path, depth);
                case scalar -> scalar((ScalarNode) node);
                default -> NODES.nullNode();
            };
        }

        private ObjectNode mapping(MappingNode node, String path, int depth) {
            ObjectNode object = NODES.objectNode();
            Map<String, Integer> seen = new HashMap<>();
            List<NodeTuple> merged = new ArrayList<>();
            for (NodeTuple tuple : node.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (keyNode.getTag().equals(Tag.MERGE)) {
                    merged.add(tuple);
                    continue;
                }
                if (!(keyNode instanceof ScalarNode key)) {
                    problems.add(new ConfigProblem(file, line(keyNode), "", "a key must be plain text, not a " + keyNode.getNodeId()));
                    continue;
                }
                String name = key.getValue();
                Integer first = seen.putIfAbsent(name, line(keyNode));
                if (first != null) {
                    problems.add(new ConfigProblem(file, line(keyNode), display(path + "/" + name),
                            "is written twice (first at line " + first + "); Pulumi refuses a repeated key, so keep one"));
                    continue;
                }
                String child = path + "/" + name;
                lines.put(child, line(keyNode));
                object.set(name, read(tuple.getValueNode(), child, depth + 1));
            }
            // '<<: *defaults' (yaml.v3 supports merge keys): keys written here win over merged ones.
            for (NodeTuple merge : merged) {
                Node value = merge.getValueNode();
                List<Node> sources = value instanceof SequenceNode list ? list.getValue() : List.of(value);
                for (Node source : sources) {
                    JsonNode from = read(source, path, depth + 1);
                    if (!(from instanceof ObjectNode fromObject)) {
                        problems.add(new ConfigProblem(file, line(merge.getKeyNode()), "", "'<<' merges a mapping, got a " + source.getNodeId()));
                        continue;
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> it = fromObject.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> field = it.next();
                        if (!object.has(field.getKey())) {
                            object.set(field.getKey(), field.getValue());
                            lines.putIfAbsent(path + "/" + field.getKey(), line(merge.getKeyNode()));
                        }
                    }
                }
            }
            return object;
        }

        private ArrayNode sequence(SequenceNode node, String path, int depth) {
            ArrayNode array = NODES.arrayNode();
            int index = 0;
            for (Node item : node.getValue()) {
                String child = path + "/" + index++;
                lines.put(child, line(item));
                array.add(read(item, child, depth + 1));
            }
            return array;
        }

        /** A scalar as YAML 1.2's core schema reads it, unless a tag said otherwise. */
        private JsonNode scalar(ScalarNode node) {
            String value = node.getValue();
            Tag tag = node.getTag();
            if (!node.isPlain()) {
                return NODES.textNode(value);
            }
            if (isImplicit(node)) {
                return core(value);
            }
            if (tag.equals(Tag.STR)) {
                return NODES.textNode(value);
            }
            // An explicit standard tag, e.g. '!!int 3': read as it says, or refused.
            JsonNode read = core(value);
            boolean fits = tag.equals(Tag.NULL) ? read.isNull() : tag.equals(Tag.BOOL) ? read.isBoolean()
                    : tag.equals(Tag.INT) ? read.isIntegralNumber() : !tag.equals(Tag.FLOAT) || read.isNumber();
            if (!fits) {
                problems.add(new ConfigProblem(file, line(node), "", "'" + value + "' is not a valid " + tag));
            }
            return read;
        }

        private static JsonNode core(String value) {
            if (NULL.matcher(value).matches()) {
                return NODES.nullNode();
            }
            if (BOOL.matcher(value).matches()) {
                return NODES.booleanNode(value.equalsIgnoreCase("true"));
            }
            if (INT.matcher(value).matches()) {
                return integral(new BigInteger(value.startsWith("+") ? value.substring(1) : value));
            }
            if (OCTAL.matcher(value).matches()) {
                return integral(new BigInteger(value.substring(2), 8));
            }
            if (HEX.matcher(value).matches()) {
                return integral(new BigInteger(value.substring(2), 16));
            }
            if (FLOAT.matcher(value).matches()) {
                return NODES.numberNode(new BigDecimal(value));
            }
            return NODES.textNode(value);
        }

        private static JsonNode integral(BigInteger n) {
            return n.bitLength() < 64 ? NODES.numberNode(n.longValue()) : NODES.numberNode(n);
        }

        private static String display(String path) {
            String p = path.startsWith("/config/") ? path.substring("/config/".length()) : path.substring(1);
            return p.replace('/', '.');
        }
    }

    /** True when the node's tag is the one SnakeYAML resolved from its text, i.e. no tag was written. */
    private static boolean isImplicit(Node node) {
        if (node instanceof ScalarNode scalar) {
            return node.getTag().equals(YAML_11.resolve(NodeId.scalar, scalar.getValue(), scalar.isPlain()));
        }
        return node.getTag().equals(node.getNodeId() == NodeId.mapping ? Tag.MAP : Tag.SEQ);
    }
}
