"""Claims out of text: sentences (spaCy), check-worthiness, speakers and claim types.

May import claims.read; never claims.match, claims.desk or store. spaCy loads lazily (claims.extract.nlp).
"""
