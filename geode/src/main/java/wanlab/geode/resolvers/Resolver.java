package wanlab.geode.resolvers;

/** The Java side of a topology's resolver module (topologies/resolvers/*.ts). */
public interface Resolver {
  Verdict resolve(WanConflict conflict);
}
