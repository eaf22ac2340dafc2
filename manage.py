#!/usr/bin/env python
from kurzweg.__main__ import main

if __name__ == "__main__":
    main()
