"""Code that tests/ and bench/ share (bench/ may import it; tests never import bench/)."""
