"""Evidence about a document that stages read and never recompute: the page model
(:mod:`.page_model`, computed once per document) and the shapes of page numbers it
rests on (:mod:`.folios`)."""
