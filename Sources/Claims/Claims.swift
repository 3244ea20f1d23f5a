// The registry that ties each claim id to its executable check.
import LinearAlgebra
import Networks
public enum ClaimsModule {}
