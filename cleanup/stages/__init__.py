"""The pipeline's stages, one module per concern. Each stage is a pure function
``(Document, Rules) -> Document``; see :mod:`cleanup.pipeline` for their order."""
