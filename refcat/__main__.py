"""`python -m refcat`: the same command as `refcat`, where no script is on the PATH."""

from refcat.generator.cli import run

if __name__ == "__main__":
    run()
