"""Run the cxzy command line from a checkout: `python cli.py --help`."""

from cxzy_nlp.cli import main

if __name__ == "__main__":
    main()
