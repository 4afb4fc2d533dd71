package wanlab.geode.resolvers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** topologies/resolvers/union-merge.ts in Java: concurrent token lists merge into their sorted union. */
public final class UnionMerge implements Resolver {
  private static final Pattern TOKEN_LIST = Pattern.compile("^[a-z0-9-]+(,[a-z0-9-]+)*$");

  public UnionMerge(JsonNode options) {
    // no options
  }

  private static List<String> tokens(JsonNode value) {
    if (value == null || !value.isTextual() || !TOKEN_LIST.matcher(value.asText()).matches()) return null;
    return Arrays.asList(value.asText().split(","));
  }

  @Override
  public Verdict resolve(WanConflict c) {
    if (c.operation().equals("destroy") || c.oldDestroyed()) return Verdict.byDefault(c);
    List<String> incoming = tokens(c.newValue());
    if (incoming == null) throw new IllegalArgumentException("union-merge: " + c.newValue() + " is not a token list");
    List<String> current = tokens(c.oldValue());
    TreeSet<String> union = new TreeSet<>(incoming);
    if (current != null) union.addAll(current);
    String merged = String.join(",", union);
    return merged.equals(c.newValue().asText()) ? Verdict.ALLOW : Verdict.change(TextNode.valueOf(merged));
  }
}
