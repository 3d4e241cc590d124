from cxzy_nlp.cli import main

main()
