"""Import an address book (.vcf): new people become contacts, known ones gain details."""
