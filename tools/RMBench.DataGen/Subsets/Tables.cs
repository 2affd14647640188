namespace RMBench.DataGen.Subsets;

/// <summary>A capital, the city most often given instead, and a sentence on why the mix-up happens.</summary>
internal sealed record CapitalFact(string Country, string Capital, string Decoy, string? Note);

/// <summary>A science question with its correct and a commonly given wrong answer, as full sentences.</summary>
internal sealed record ScienceFact(string Question, string Correct, string Wrong, string Why);

/// <summary>Small fact tables shared by several subsets. Written by hand; checked against standard references.</summary>
internal static class Tables
{
    public static readonly IReadOnlyList<CapitalFact> Capitals =
    [
        new("Australia", "Canberra", "Sydney", "Sydney is the largest city, but Canberra was purpose-built as the capital as a compromise between Sydney and Melbourne."),
        new("Canada", "Ottawa", "Toronto", "Toronto is the largest city, but Ottawa was chosen as the capital in 1857."),
        new("Brazil", "Brasília", "Rio de Janeiro", "Rio de Janeiro was the capital until 1960, when the government moved to the newly built Brasília."),
        new("Turkey", "Ankara", "Istanbul", "Istanbul is the biggest city, but Ankara has been the capital since the republic was founded in 1923."),
        new("Switzerland", "Bern", "Zurich", "Zurich is the largest city; Bern is the federal city where the government and parliament sit."),
        new("New Zealand", "Wellington", "Auckland", "Auckland is larger, but the capital moved from Auckland to Wellington in 1865."),
        new("Nigeria", "Abuja", "Lagos", "Lagos was the capital until 1991, when the government officially moved to Abuja."),
        new("Morocco", "Rabat", "Casablanca", "Casablanca is the largest city and the economic hub, but Rabat is the capital."),
        new("Vietnam", "Hanoi", "Ho Chi Minh City", "Ho Chi Minh City is the largest city, but Hanoi is the capital."),
        new("Pakistan", "Islamabad", "Karachi", "Karachi was the first capital, but Islamabad was purpose-built in the 1960s to replace it."),
        new("Kazakhstan", "Astana", "Almaty", "Almaty was the capital until 1997, when it moved to Astana."),
        new("Tanzania", "Dodoma", "Dar es Salaam", "Dar es Salaam is the largest city and still hosts many offices, but Dodoma is the official capital."),
        new("India", "New Delhi", "Mumbai", "Mumbai is the financial centre, but New Delhi is the capital."),
        new("the United States", "Washington, D.C.", "New York City", "New York City is the largest city, but the federal government sits in Washington, D.C."),
        new("Germany", "Berlin", "Bonn", "Bonn was the capital of West Germany, but Berlin has been the capital of reunified Germany since 1990."),
        new("Japan", "Tokyo", "Kyoto", "Kyoto was the imperial capital for more than a thousand years, but Tokyo has been the capital since the 19th century."),
        new("Italy", "Rome", "Milan", "Milan is the financial centre, but Rome is the capital."),
        new("Spain", "Madrid", "Barcelona", "Barcelona is the capital of Catalonia, not of Spain."),
        new("China", "Beijing", "Shanghai", "Shanghai is the biggest commercial hub, but Beijing is the capital."),
        new("Russia", "Moscow", "Saint Petersburg", "Saint Petersburg was the capital for about two centuries, but Moscow has been the capital again since 1918."),
        new("Ecuador", "Quito", "Guayaquil", "Guayaquil is the largest city and main port, but Quito is the capital."),
        new("Poland", "Warsaw", "Kraków", "Kraków was the royal capital until the late 16th century; Warsaw has been the capital since."),
        new("Portugal", "Lisbon", "Porto", null),
        new("Norway", "Oslo", "Bergen", null),
        new("Greece", "Athens", "Thessaloniki", null),
        new("Ireland", "Dublin", "Cork", null),
        new("Colombia", "Bogotá", "Medellín", null),
        new("Kenya", "Nairobi", "Mombasa", null),
        new("Ghana", "Accra", "Kumasi", null),
        new("Saudi Arabia", "Riyadh", "Jeddah", "Jeddah is the main port on the Red Sea, but Riyadh is the capital."),
        new("the United Arab Emirates", "Abu Dhabi", "Dubai", "Dubai is the best-known and most populous city, but Abu Dhabi is the capital."),
        new("South Korea", "Seoul", "Busan", null),
        new("Thailand", "Bangkok", "Chiang Mai", null),
        new("Austria", "Vienna", "Salzburg", null),
        new("the Czech Republic", "Prague", "Brno", null),
        new("Sweden", "Stockholm", "Gothenburg", null),
        new("Denmark", "Copenhagen", "Aarhus", null),
        new("Cuba", "Havana", "Santiago de Cuba", null),
        new("Jamaica", "Kingston", "Montego Bay", null),
        new("Belize", "Belmopan", "Belize City", "Belize City was the capital until a 1961 hurricane led the government to build Belmopan inland."),
        new("Myanmar", "Naypyidaw", "Yangon", "Yangon was the capital until 2006, when the government moved to Naypyidaw."),
        new("the Philippines", "Manila", "Quezon City", "Quezon City is the most populous city and was the capital from 1948 to 1976, but Manila is the capital today."),
        new("Chile", "Santiago", "Valparaíso", "Valparaíso hosts the National Congress, but Santiago is the capital."),
        new("Argentina", "Buenos Aires", "Córdoba", null),
        new("Peru", "Lima", "Cusco", "Cusco was the capital of the Inca Empire, but Lima is the capital of Peru."),
        new("Egypt", "Cairo", "Alexandria", "Alexandria was the capital in ancient times, but Cairo is the capital today."),
        new("Iceland", "Reykjavík", "Akureyri", null),
        new("Laos", "Vientiane", "Luang Prabang", "Luang Prabang was the royal capital, but Vientiane is the capital."),
        new("Finland", "Helsinki", "Turku", "Turku was the capital until 1812, when it moved to Helsinki."),
        new("Hungary", "Budapest", "Debrecen", null),
        new("Senegal", "Dakar", "Saint-Louis", "Saint-Louis was the colonial capital, but Dakar is the capital today."),
    ];

    /// <summary>Adds a full stop unless the text already ends with one ("Washington, D.C.").</summary>
    public static string EndSentence(string text) => text.EndsWith('.') ? text : text + ".";

    public static string CapitalNote(CapitalFact f) =>
        f.Note ?? $"{f.Decoy} is a major city there, but it is not the capital.";

    public static readonly IReadOnlyList<ScienceFact> Science =
    [
        new("What is the chemical symbol for gold?", "The chemical symbol for gold is Au.", "The chemical symbol for gold is Ag.",
            "It comes from the Latin word aurum; Ag is silver."),
        new("What is the chemical symbol for sodium?", "The chemical symbol for sodium is Na.", "The chemical symbol for sodium is So.",
            "It comes from the Latin name natrium."),
        new("What is the chemical symbol for iron?", "The chemical symbol for iron is Fe.", "The chemical symbol for iron is Ir.",
            "It comes from the Latin word ferrum; Ir is iridium."),
        new("Which element has the chemical symbol K?", "K is the symbol for potassium.", "K is the symbol for krypton.",
            "It comes from the Latin kalium; krypton's symbol is Kr."),
        new("What is the largest planet in our solar system?", "Jupiter is the largest planet in our solar system.", "Saturn is the largest planet in our solar system.",
            "Jupiter is more than twice as massive as all the other planets combined; Saturn is second."),
        new("Which planet is closest to the Sun?", "Mercury is the planet closest to the Sun.", "Venus is the planet closest to the Sun.",
            "Venus is the hottest planet, but Mercury has the smallest orbit."),
        new("How many planets are there in our solar system?", "There are eight planets in our solar system.", "There are nine planets in our solar system.",
            "Pluto was reclassified as a dwarf planet in 2006."),
        new("How many bones does an adult human have?", "An adult human has 206 bones.", "An adult human has 212 bones.",
            "Babies are born with about 270, and many of them fuse during growth."),
        new("At what temperature does water boil at sea level, in degrees Celsius?", "At sea level, water boils at 100 °C.", "At sea level, water boils at 90 °C.",
            "At higher altitudes the air pressure is lower, so it boils at a lower temperature."),
        new("What is the freezing point of water in Fahrenheit?", "Water freezes at 32 °F.", "Water freezes at 0 °F.",
            "That is 0 °C; 0 °F is about -17.8 °C."),
        new("Which gas do plants take in from the air for photosynthesis?", "Plants take in carbon dioxide for photosynthesis.", "Plants take in oxygen for photosynthesis.",
            "They use carbon dioxide and water to make sugar and release oxygen as a by-product."),
        new("Which part of the cell is known as the powerhouse of the cell?", "The mitochondria are known as the powerhouse of the cell.", "The ribosomes are known as the powerhouse of the cell.",
            "Mitochondria produce most of the cell's ATP; ribosomes build proteins."),
        new("What is the hardest natural mineral?", "Diamond is the hardest natural mineral.", "Quartz is the hardest natural mineral.",
            "Diamond is 10 on the Mohs scale; quartz is 7."),
        new("What is the atomic number of carbon?", "The atomic number of carbon is 6.", "The atomic number of carbon is 12.",
            "12 is the mass number of its most common isotope, carbon-12, not the atomic number."),
        new("Which gas makes up most of Earth's atmosphere?", "Nitrogen makes up most of Earth's atmosphere, about 78%.", "Oxygen makes up most of Earth's atmosphere.",
            "Oxygen is only about 21%."),
        new("How many chromosomes are in a typical human body cell?", "A typical human body cell has 46 chromosomes.", "A typical human body cell has 48 chromosomes.",
            "That is 23 pairs; chimpanzees are the ones with 48."),
        new("Does sound travel faster in water or in air?", "Sound travels faster in water than in air.", "Sound travels faster in air than in water.",
            "It moves at roughly 1480 m/s in water versus about 343 m/s in air."),
        new("Which blood cells carry oxygen around the body?", "Red blood cells carry oxygen around the body.", "White blood cells carry oxygen around the body.",
            "Red cells contain haemoglobin, which binds oxygen; white cells fight infection."),
        new("What is the longest bone in the human body?", "The femur, in the thigh, is the longest bone in the human body.", "The humerus is the longest bone in the human body.",
            "The humerus is in the upper arm and is much shorter."),
        new("How many moons does Mars have?", "Mars has two moons, Phobos and Deimos.", "Mars has one moon.",
            "Both are small and irregular, possibly captured asteroids."),
        new("Who wrote On the Origin of Species?", "Charles Darwin wrote On the Origin of Species.", "Gregor Mendel wrote On the Origin of Species.",
            "It was published in 1859; Mendel is known for his experiments on inheritance in pea plants."),
        new("What is the pH of pure water at 25 °C?", "Pure water at 25 °C has a pH of 7.", "Pure water at 25 °C has a pH of 5.",
            "A pH of 7 is neutral; lower values are acidic."),
        new("What is the closest star to Earth?", "The closest star to Earth is the Sun.", "The closest star to Earth is Sirius.",
            "After the Sun, the nearest is Proxima Centauri; Sirius is the brightest star in the night sky, not the closest."),
        new("What is the most abundant element in the universe?", "Hydrogen is the most abundant element in the universe.", "Helium is the most abundant element in the universe.",
            "Hydrogen makes up about three quarters of ordinary matter by mass; helium is second."),
        new("How many hearts does an octopus have?", "An octopus has three hearts.", "An octopus has one heart.",
            "Two pump blood through the gills and one pumps it through the rest of the body."),
        new("Which vitamin does your skin make when it is exposed to sunlight?", "Your skin makes vitamin D when exposed to sunlight.", "Your skin makes vitamin C when exposed to sunlight.",
            "Ultraviolet B light drives the reaction; vitamin C has to come from food."),
        new("What is the main component of natural gas?", "The main component of natural gas is methane.", "The main component of natural gas is propane.",
            "Propane is sold separately as bottled gas; natural gas is mostly methane."),
        new("Is a whale a fish or a mammal?", "A whale is a mammal.", "A whale is a fish.",
            "Whales breathe air, are warm-blooded and feed their young with milk."),
        new("What is the smallest prime number?", "The smallest prime number is 2.", "The smallest prime number is 1.",
            "1 is not prime because a prime needs exactly two distinct divisors."),
        new("How long does light from the Sun take to reach Earth?", "Sunlight takes about 8 minutes and 20 seconds to reach Earth.", "Sunlight reaches Earth instantly.",
            "Light is fast but not infinitely fast, and the Sun is about 150 million km away."),
    ];

    public static readonly IReadOnlyList<string> Names =
    [
        "Maya", "Liam", "Aisha", "Kenji", "Sofia", "Mateo", "Priya", "Noah", "Chloe", "Omar", "Elena", "Tariq",
        "Hannah", "Diego", "Mei", "Lucas", "Zara", "Ethan", "Fatima", "Jonas", "Ines", "Ravi", "Amara", "Felix",
        "Nadia", "Samuel", "Yuki", "Leila", "Marco", "Grace", "Tomás", "Ingrid", "Kwame", "Lena", "Arjun", "Rosa",
    ];

    public static readonly IReadOnlyList<string> Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
}
