// Network models, forward passes, batch Jacobians, symmetry actions, canonical forms, path-lifting.
import LinearAlgebra
public enum NetworksModule {}
