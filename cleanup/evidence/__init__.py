"""Evidence about a document that stages read and never recompute: the page model
(:mod:`.page_model`, computed once per document), the page furniture it rests on
(:mod:`.furniture`) and the shapes of page numbers (:mod:`.folios`)."""
