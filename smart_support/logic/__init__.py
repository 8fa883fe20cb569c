"""The use cases, one module each: what a route asks for, decided here and done through the
stores. Routes parse and answer; stores read and write; these modules hold the steps between.
"""
